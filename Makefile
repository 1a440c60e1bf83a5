# layermap: two commands do everything on a fresh Debian machine.
#   make run    install missing system libraries, build in release mode, open the explorer on samples/
#   make test   install missing system libraries, build, run the whole test suite and the output check
#   make bench  the speed benchmark (see README)

SWIFT      ?= swift
APT_PKGS   := libncursesw5-dev libopenblas-dev liblapacke-dev
PC_MODULES := ncursesw openblas lapacke
RELEASE    := .build/release/layermap

.PHONY: run test build release deps bench clean

run: deps release
	$(RELEASE) samples/

release: deps
	$(SWIFT) build -c release --product layermap

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test
	Tests/Outputs/check.sh .build/debug/layermap

bench: deps release
	./bench/run.sh

# Installs the system libraries with apt-get when pkg-config cannot find them.
deps:
	@missing=""; \
	for m in $(PC_MODULES); do pkg-config --exists $$m 2>/dev/null || missing="$$missing $$m"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "layermap: pkg-config cannot find:$$missing; installing $(APT_PKGS)"; \
	if [ "$$(id -u)" = "0" ]; then SUDO=""; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	else echo "layermap: cannot install system packages: not root and no password-less sudo." >&2; \
	     echo "layermap: please run: sudo apt-get install -y $(APT_PKGS)" >&2; exit 1; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	     echo "layermap: apt-get not found; install the equivalents of: $(APT_PKGS)" >&2; exit 1; fi; \
	export DEBIAN_FRONTEND=noninteractive; \
	$$SUDO apt-get install -y --no-install-recommends $(APT_PKGS) >/dev/null 2>&1 || \
	  { $$SUDO apt-get update >/dev/null && $$SUDO apt-get install -y --no-install-recommends $(APT_PKGS); } || \
	  { echo "layermap: apt-get could not install $(APT_PKGS)" >&2; exit 1; }; \
	for m in $(PC_MODULES); do pkg-config --exists $$m || { echo "layermap: $$m still missing after install" >&2; exit 1; }; done

clean:
	rm -rf .build
