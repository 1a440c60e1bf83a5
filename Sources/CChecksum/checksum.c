#include "checksum.h"

#include <zlib.h>

uint32_t lm_crc32(uint32_t crc, const void *bytes, size_t count) {
    const unsigned char *p = bytes;
    uLong c = crc;
    // zlib takes a uInt length: feed at most 1 GiB per call.
    while (count > 0) {
        uInt n = count > (1u << 30) ? (1u << 30) : (uInt)count;
        c = crc32(c, p, n);
        p += n;
        count -= n;
    }
    return (uint32_t)c;
}
