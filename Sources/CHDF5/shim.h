// The part of HDF5's C API that LayerIO's .h5 reader uses, as plain functions.
//
// HDF5's type and property constants are macros that call H5open() (H5T_NATIVE_FLOAT and the
// like), and several functions are version-mapped macros (H5Lget_info, H5Oget_info), neither of
// which Swift can import; these wrappers give Swift one stable function for each.
#ifndef LAYERMAP_HDF5_SHIM_H
#define LAYERMAP_HDF5_SHIM_H

#include <hdf5.h>

/// Turns off the error stack HDF5 prints to stderr on every failure, for the calling thread
/// (a thread-safe HDF5 keeps one error stack per thread). Failures are reported by return codes.
static inline void layermap_h5_silence(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }

/// 1 when the file has an HDF5 signature, 0 when not, negative when it cannot be read.
static inline int layermap_h5_is_hdf5(const char *path) { return (int)H5Fis_hdf5(path); }

/// The file opened read-only with the default properties, or a negative id.
static inline hid_t layermap_h5_open_file(const char *path) {
    return H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
}

/// The group at `path` inside `file` ("/" is the root), or a negative id.
static inline hid_t layermap_h5_open_group(hid_t file, const char *path) {
    return H5Gopen2(file, path, H5P_DEFAULT);
}

/// The dataset at `path` inside `location`, or a negative id.
static inline hid_t layermap_h5_open_dataset(hid_t location, const char *path) {
    return H5Dopen2(location, path, H5P_DEFAULT);
}

/// Number of links in the group, or -1.
static inline long long layermap_h5_link_count(hid_t group) {
    H5G_info_t info;
    if (H5Gget_info(group, &info) < 0) return -1;
    return (long long)info.nlinks;
}

/// 1 when the group records the creation order of its links (h5py's track_order=True),
/// 0 when not, -1 on failure.
static inline int layermap_h5_tracks_creation_order(hid_t group) {
    hid_t plist = H5Gget_create_plist(group);
    if (plist < 0) return -1;
    unsigned flags = 0;
    herr_t status = H5Pget_link_creation_order(plist, &flags);
    H5Pclose(plist);
    if (status < 0) return -1;
    return (flags & H5P_CRT_ORDER_TRACKED) ? 1 : 0;
}

/// The name of link `index` of the group in creation order (`by_creation` != 0) or name order,
/// written into `buffer` (NUL-terminated, truncated to `size`); returns the name's full length
/// or a negative value.
static inline long long layermap_h5_link_name(hid_t group, int by_creation, unsigned long long index,
                                              char *buffer, size_t size) {
    return (long long)H5Lget_name_by_idx(group, ".", by_creation ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME,
                                         H5_ITER_INC, (hsize_t)index, buffer, size, H5P_DEFAULT);
}

/// What link `name` of the group leads to: 0 a dataset, 1 a group, 2 another kind of object
/// (a named datatype), 3 a soft or external link (not followed), -1 on failure.
static inline int layermap_h5_link_kind(hid_t group, const char *name) {
    H5L_info_t link;
    if (H5Lget_info(group, name, &link, H5P_DEFAULT) < 0) return -1;
    if (link.type != H5L_TYPE_HARD) return 3;
    hid_t object = H5Oopen(group, name, H5P_DEFAULT);
    if (object < 0) return -1;
    H5I_type_t type = H5Iget_type(object);
    H5Oclose(object);
    if (type == H5I_DATASET) return 0;
    if (type == H5I_GROUP) return 1;
    return 2;
}

/// The datatype class names the reader reports.
static inline int layermap_h5_class_float(void) { return H5T_FLOAT; }
static inline int layermap_h5_class_integer(void) { return H5T_INTEGER; }
static inline int layermap_h5_class_string(void) { return H5T_STRING; }
static inline int layermap_h5_class_compound(void) { return H5T_COMPOUND; }

/// 1 when the float type is IEEE binary16 (sign bit 15, 5 exponent bits at 10, 10 mantissa bits
/// at 0, bias 15, implied leading bit), as numpy's float16 is stored by h5py; 0 otherwise.
static inline int layermap_h5_is_ieee_half(hid_t type) {
    if (H5Tget_size(type) != 2) return 0;
    size_t spos, epos, esize, mpos, msize;
    if (H5Tget_fields(type, &spos, &epos, &esize, &mpos, &msize) < 0) return 0;
    return spos == 15 && epos == 10 && esize == 5 && mpos == 0 && msize == 10 &&
           H5Tget_ebias(type) == 15 && H5Tget_norm(type) == H5T_NORM_IMPLIED;
}

/// A little-endian copy of the (float) file type, the memory type that reads it unconverted
/// on a little-endian host; a negative id on failure. Close it with H5Tclose.
static inline hid_t layermap_h5_little_endian_copy(hid_t type) {
    hid_t copy = H5Tcopy(type);
    if (copy < 0) return copy;
    if (H5Tset_order(copy, H5T_ORDER_LE) < 0) { H5Tclose(copy); return -1; }
    return copy;
}

/// The host's float and double (little-endian on the platforms layermap supports).
static inline hid_t layermap_h5_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t layermap_h5_native_double(void) { return H5T_NATIVE_DOUBLE; }

/// 1 when the dataset's values live in other files (external raw storage, or a virtual
/// dataset mapping other datasets), 0 when they are in its own file, -1 on failure.
static inline int layermap_h5_reads_other_files(hid_t dataset) {
    hid_t plist = H5Dget_create_plist(dataset);
    if (plist < 0) return -1;
    int external = H5Pget_external_count(plist);
    H5D_layout_t layout = H5Pget_layout(plist);
    H5Pclose(plist);
    if (external < 0 || layout < 0) return -1;
    return (external > 0 || layout == H5D_VIRTUAL) ? 1 : 0;
}

/// 1 for a simple (N-dimensional) dataspace, 0 for a scalar or null one, -1 on failure.
static inline int layermap_h5_is_simple_space(hid_t space) {
    H5S_class_t kind = H5Sget_simple_extent_type(space);
    if (kind == H5S_NO_CLASS) return -1;
    return kind == H5S_SIMPLE ? 1 : 0;
}

/// Reads the whole dataset into `buffer` as `memory_type`; negative on failure.
static inline int layermap_h5_read_all(hid_t dataset, hid_t memory_type, void *buffer) {
    return (int)H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
}

#endif
