"""A minimal PEP 517 build backend for layermap_capture: zips the package into a wheel.

Why not setuptools: pip builds in an isolated environment and would download the backend from
a package index first. This backend needs only the standard library, so `pip install ./python`
works offline. It builds pure-Python wheels (py3-none-any) from the `layermap_capture/`
folder beside `pyproject.toml`, with the metadata of the [project] table, and editable
installs (PEP 660) as a `.pth` file pointing at this folder.
"""
import base64
import hashlib
import os
import re
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "layermap_capture"


def _project():
    """The [project] table of pyproject.toml: name, version, description, requires-python,
    dependencies and scripts."""
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        raw = f.read()
    try:
        import tomllib
        data = tomllib.loads(raw.decode("utf-8"))
        project = data["project"]
        return {
            "name": project["name"], "version": project["version"],
            "description": project.get("description", ""),
            "requires-python": project.get("requires-python"),
            "dependencies": project.get("dependencies", []),
            "scripts": project.get("scripts", {}),
        }
    except ImportError:
        return _project_without_tomllib(raw.decode("utf-8"))


def _project_without_tomllib(text):
    """The same fields, for Pythons before 3.11, read from the simple `key = "value"` and
    `key = ["a", "b"]` lines this project's pyproject.toml uses."""
    section, project, scripts = None, {}, {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        header = re.fullmatch(r"\[(.+)\]", line)
        if header:
            section = header.group(1)
            continue
        pair = re.fullmatch(r'"?([A-Za-z0-9_.-]+)"?\s*=\s*(.+)', line)
        if not pair:
            continue
        key, value = pair.group(1), pair.group(2)
        parsed = re.findall(r'"([^"]*)"', value)
        if section == "project":
            project[key] = parsed if value.startswith("[") else (parsed[0] if parsed else value)
        elif section == "project.scripts":
            scripts[key] = parsed[0]
    project.setdefault("description", "")
    project.setdefault("dependencies", [])
    project["scripts"] = scripts
    return project


def _dist_name(project):
    return re.sub(r"[-_.]+", "_", project["name"])


def _metadata(project):
    lines = ["Metadata-Version: 2.1", f"Name: {project['name']}", f"Version: {project['version']}",
             f"Summary: {project['description']}"]
    if project.get("requires-python"):
        lines.append(f"Requires-Python: {project['requires-python']}")
    lines += [f"Requires-Dist: {d}" for d in project["dependencies"]]
    return "\n".join(lines) + "\n"


def _dist_info_files(project):
    """(name inside the dist-info folder, text) for METADATA, WHEEL and entry_points.txt."""
    files = [("METADATA", _metadata(project)),
             ("WHEEL", "Wheel-Version: 1.0\nGenerator: layermap_capture_build\nRoot-Is-Purelib: true\n"
                       "Tag: py3-none-any\n")]
    if project["scripts"]:
        entries = "".join(f"{k} = {v}\n" for k, v in project["scripts"].items())
        files.append(("entry_points.txt", "[console_scripts]\n" + entries))
    return files


def _write_wheel(wheel_directory, project, members):
    """Writes a wheel of `members` ((archive name, bytes) pairs) plus the dist-info, with its RECORD."""
    dist = _dist_name(project)
    info = f"{dist}-{project['version']}.dist-info"
    members = list(members) + [(f"{info}/{n}", t.encode("utf-8")) for n, t in _dist_info_files(project)]
    wheel_name = f"{dist}-{project['version']}-py3-none-any.whl"
    record = []
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in members:
            wheel.writestr(name, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
            record.append(f"{name},sha256={digest},{len(data)}")
        record.append(f"{info}/RECORD,,")
        wheel.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return wheel_name


def _package_files():
    source = os.path.join(ROOT, PACKAGE)
    for directory, subdirectories, files in os.walk(source):
        subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__")
        for file in sorted(files):
            if file.endswith(".py"):
                path = os.path.join(directory, file)
                with open(path, "rb") as f:
                    yield os.path.relpath(path, ROOT).replace(os.sep, "/"), f.read()


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory, _project(), _package_files())


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    project = _project()
    pth = (f"__editable__.{_dist_name(project)}.pth", (ROOT + "\n").encode("utf-8"))
    return _write_wheel(wheel_directory, project, [pth])
