"""Writes the HDF5 fixtures in hdf5/ with h5py, and the same arrays as .npy files.

Run with Debian's python3 (python3-h5py, python3-numpy):

    /usr/bin/python3 make_hdf5_fixtures.py

Every dataset written to hdf5/NAME.h5 is also saved as hdf5/NAME/DATASET.npy (for a dataset in
a group, hdf5/NAME/GROUP/DATASET.npy), so the tests compare what layermap reads from the .h5
with numpy's own values; hdf5/NAME/ is then also a directory-of-.npy model of the same data.
"""
import os
import shutil

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "hdf5")
N = 12


def save_npy(file_stem, dataset_path, array):
    target = os.path.join(OUT, file_stem, dataset_path + ".npy")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    np.save(target, np.ascontiguousarray(array))


def write(file_stem, datasets, track_order=False):
    """datasets: list of (path inside the file, array, h5py create_dataset keyword arguments)."""
    path = os.path.join(OUT, file_stem + ".h5")
    with h5py.File(path, "w", track_order=track_order) as f:
        for name, array, options in datasets:
            f.create_dataset(name, data=array, **options)
            if array.dtype.kind == "f":
                save_npy(file_stem, name, array)
    return path


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    rng = np.random.default_rng(15)

    def floats(*shape, dtype=np.float32):
        return rng.standard_normal((N,) + shape).astype(dtype)

    # Names created out of natural order; the root does not track creation order, so the
    # layers come as layer1, layer2, layer10. The sub-group is not a layer.
    with h5py.File(os.path.join(OUT, "natural.h5"), "w") as f:
        for name, array in [("layer10", floats(4)), ("layer2", floats(3, 2)), ("layer1", floats())]:
            f.create_dataset(name, data=array)
            save_npy("natural", name, array)
        f.create_group("extra").create_dataset("ignored", data=floats(2))
    shutil.rmtree(os.path.join(OUT, "natural", "extra"), ignore_errors=True)

    # Creation order tracked: z_first, a_second, m_third (neither natural nor name order).
    write("tracked", [(name, floats(5), {}) for name in ["z_first", "a_second", "m_third"]], track_order=True)

    # Chunked, gzip-compressed (with shuffle) datasets of each float width, big-endian too.
    write("chunked", [
        ("conv", floats(8, 3), {"chunks": (5, 4, 3), "compression": "gzip", "compression_opts": 6, "shuffle": True}),
        ("half", floats(6, dtype=np.float16), {"chunks": (4, 6), "compression": "gzip"}),
        ("wide", floats(7, dtype=np.float64), {"chunks": (3, 7), "compression": "gzip", "compression_opts": 9}),
        ("big_endian", floats(4, dtype=">f4"), {"chunks": (6, 2), "compression": "gzip"}),
        ("big_endian64", floats(3, dtype=">f8"), {}),
    ])

    # No datasets at the root; layers in groups, chosen with --group.
    write("grouped", [
        ("enc/b10", floats(4), {}),
        ("enc/b2", floats(4), {}),
        ("dec/inner/x", floats(3), {}),
        ("dec/inner/y", floats(3, 3), {"chunks": (4, 3, 3), "compression": "gzip"}),
    ])

    # Refusals: one bad dataset beside a good one.
    hostile = os.path.join(OUT, "hostile")
    os.makedirs(hostile)
    with h5py.File(os.path.join(hostile, "ints.h5"), "w") as f:
        f.create_dataset("good", data=floats(2))
        f.create_dataset("labels", data=np.arange(N, dtype=np.int64))
    with h5py.File(os.path.join(hostile, "strings.h5"), "w") as f:
        f.create_dataset("names", data=np.array([b"cat", b"dog"] * (N // 2)))
    with h5py.File(os.path.join(hostile, "compound.h5"), "w") as f:
        f.create_dataset("records", data=np.zeros(N, dtype=[("x", "<f4"), ("y", "<i4")]))
    with h5py.File(os.path.join(hostile, "scalar.h5"), "w") as f:
        f.create_dataset("loss", data=np.float32(0.5))
    # Values stored in other files: external raw storage, and a virtual dataset.
    raw = os.path.join(hostile, "external.bin")
    floats(3).tofile(raw)
    with h5py.File(os.path.join(hostile, "external.h5"), "w") as f:
        f.create_dataset("outside", shape=(N, 3), dtype="<f4", external=[("external.bin", 0, N * 3 * 4)])
    with h5py.File(os.path.join(hostile, "virtual.h5"), "w") as f:
        layout = h5py.VirtualLayout(shape=(N, 4), dtype="<f4")
        layout[:] = h5py.VirtualSource("../natural.h5", "layer10", shape=(N, 4))
        f.create_virtual_dataset("mapped", layout)
    # A chunked, compressed dataset whose chunk bytes are overwritten: opens, fails on read.
    path = os.path.join(hostile, "corrupt_chunk.h5")
    with h5py.File(path, "w") as f:
        d = f.create_dataset("x", data=floats(8), chunks=(N, 8), compression="gzip")
        offset = d.id.get_chunk_info(0).byte_offset
    with open(path, "r+b") as raw:
        raw.seek(offset)
        raw.write(b"\xff" * 16)
    # Truncated: the chunked file cut in the middle of its data.
    data = open(os.path.join(OUT, "chunked.h5"), "rb").read()
    open(os.path.join(hostile, "truncated.h5"), "wb").write(data[: len(data) // 2])
    open(os.path.join(hostile, "header_only.h5"), "wb").write(data[:600])
    open(os.path.join(hostile, "random.h5"), "wb").write(np.random.default_rng(1).bytes(4096))
    open(os.path.join(hostile, "text.h5"), "wb").write(b"layer,value\n1,2\n")
    open(os.path.join(hostile, "empty.h5"), "wb").write(b"")
    # The HDF5 signature followed by random bytes.
    open(os.path.join(hostile, "signature_only.h5"), "wb").write(
        b"\x89HDF\r\n\x1a\n" + np.random.default_rng(2).bytes(2048))


if __name__ == "__main__":
    main()
