# layermap: two commands do everything on a fresh Debian machine.
#   make run    install missing system libraries, build in release mode, open the explorer on samples/
#   make test   install missing system libraries, build, run the whole test suite and the output check
#   make bench  the speed benchmark (see README)
#   make bench-sums  streamed feature sums: time and peak RSS per measure at large N
#   make fuzz   build the readers' fuzz targets (libFuzzer + AddressSanitizer) and run each
#               for FUZZ_RUNS executions (default 10^6; make test runs FUZZ_CI_RUNS of each)

SWIFT      ?= swift
APT_PKGS   := libncursesw5-dev libopenblas-dev liblapacke-dev libhdf5-dev
PC_MODULES := ncursesw openblas lapacke hdf5
RELEASE    := .build/release/layermap

FUZZ_RUNS  ?= 1000000
# What make test (and so CI) runs of each target: a regression in a reader fails the build.
FUZZ_CI_RUNS ?= 5000
# debug (the default, as make test builds it) or release: the same sanitizers, optimised code,
# several times the executions per second, for long runs such as the 10^6 per reader.
FUZZ_CONFIG ?= debug
FUZZ_BIN   := .build/fuzz/$(FUZZ_CONFIG)/layermap-fuzz
# -Xswiftc: SwiftPM's --sanitize reaches only the fuzz package's own targets; the readers live
# in the layermap package, and their coverage is what the fuzzer needs.
FUZZ_FLAGS := --sanitize fuzzer --sanitize address -Xswiftc -sanitize=fuzzer,address

# The interpreter of the capture helper's tests: the first of python3 and Debian's own that imports
# torch, numpy and pip (a pyenv or venv python3 on PATH often lacks Debian's python3-torch).
TORCH_PYTHON = sh -c 'for p in python3 /usr/bin/python3; do "$$p" -c "import torch, numpy, pip" 2>/dev/null && { echo "$$p"; exit 0; }; done; exit 1'

.PHONY: run test build release deps pydeps bench bench-sums clean fuzz fuzz-build capture-test

run: deps release
	$(RELEASE) samples/

release: deps
	$(SWIFT) build -c release --product layermap

build: deps
	$(SWIFT) build

test: deps pydeps
	$(SWIFT) build --build-tests
	$(SWIFT) test
	Tests/Outputs/check.sh .build/debug/layermap
	$(MAKE) capture-test
	$(MAKE) fuzz FUZZ_RUNS=$(FUZZ_CI_RUNS)

# The PyTorch capture helper's tests (python/tests), against the debug layermap binary.
capture-test: pydeps
	@py=$$($(TORCH_PYTHON)) || { echo "layermap: no python3 imports torch, numpy and pip; run make pydeps" >&2; exit 1; }; \
	echo "layermap: capture helper tests with $$py"; \
	LAYERMAP_BIN="$(CURDIR)/.build/debug/layermap" $$py -m unittest discover -s python/tests -t python/tests

bench: deps release
	./bench/run.sh

bench-sums: deps release
	./bench/feature_sums.sh

# The fuzz package (Fuzz/) is built apart, with sanitizers, in .build/fuzz.
fuzz-build: deps
	$(SWIFT) build -c $(FUZZ_CONFIG) --package-path Fuzz --scratch-path .build/fuzz $(FUZZ_FLAGS)

fuzz: fuzz-build
	Fuzz/run.sh $(FUZZ_BIN) $(FUZZ_RUNS)

# numpy and scipy for the python3 on PATH (hostile .npz files, the reference scripts the tests run:
# pip, else Debian's python3-numpy/python3-scipy); and torch, numpy
# and pip for the capture helper's tests: Debian's python3-torch (CPU only) and python3-pip, which
# install into Debian's /usr/bin/python3 (TORCH_PYTHON finds it). Not torch from PyPI: its Linux
# wheel pulls in gigabytes of CUDA libraries, and the CPU wheel lives on another index.
pydeps:
	@$(TORCH_PYTHON) >/dev/null && exit 0; \
	echo "layermap: installing python3-torch and python3-pip for the capture helper's tests"; \
	if [ "$$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then \
	  echo "layermap: cannot install them: please run: sudo apt-get install -y python3-torch python3-pip" >&2; exit 1; fi; \
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-torch python3-pip >/dev/null 2>&1 || \
	  { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-torch python3-pip >/dev/null; }; \
	$(TORCH_PYTHON) >/dev/null || { echo "layermap: torch, numpy and pip are needed by the capture helper's tests" >&2; exit 1; }
	@python3 -c 'import numpy, scipy' 2>/dev/null && exit 0; \
	echo "layermap: installing numpy and scipy for the tests (the reference scripts)"; \
	python3 -m pip install --quiet numpy scipy 2>/dev/null || python3 -m pip install --quiet --user numpy scipy 2>/dev/null || \
	  { [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1 && \
	    { DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-numpy python3-scipy >/dev/null 2>&1 || \
	      { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-numpy python3-scipy >/dev/null; }; }; }; \
	python3 -c 'import numpy, scipy' || { echo "layermap: numpy and scipy are needed by the tests (python3 -m pip install numpy scipy)" >&2; exit 1; }
	@python3 -c 'import sklearn' 2>/dev/null && exit 0; \
	echo "layermap: installing scikit-learn for the tests (the reference scripts)"; \
	python3 -m pip install --quiet scikit-learn 2>/dev/null || python3 -m pip install --quiet --user scikit-learn 2>/dev/null || \
	  { [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1 && \
	    { DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-sklearn >/dev/null 2>&1 || \
	      { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-sklearn >/dev/null; }; }; }; \
	python3 -c 'import sklearn' || { echo "layermap: scikit-learn is needed by the tests (python3 -m pip install scikit-learn)" >&2; exit 1; }

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
