#ifndef LAYERMAP_CHECKSUM_H
#define LAYERMAP_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/// CRC-32 (the zip / PNG polynomial) of `count` bytes at `bytes`, continuing from `crc`
/// (0 to start). zlib's implementation: several GB/s, where ZIPFoundation's fallback on Linux
/// reads a byte at a time.
uint32_t lm_crc32(uint32_t crc, const void *bytes, size_t count);

#endif
