// libFuzzer's entry points for the layermap readers. libFuzzer (-sanitize=fuzzer) supplies
// main; the reader is chosen once, from LAYERMAP_FUZZ_TARGET, before the first input.
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Implemented in Swift (FuzzReaders): runs reader `target` on one input.
extern void lm_fuzz_one(int target, const uint8_t *data, size_t size);

static const char *names[] = {"npy", "npz", "safetensors", "shard", "cache", "pt"};
static int target = -1;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    const char *name = getenv("LAYERMAP_FUZZ_TARGET");
    for (int k = 0; name && k < (int)(sizeof names / sizeof names[0]); k++) {
        if (strcmp(name, names[k]) == 0) target = k;
    }
    if (target < 0) {
        fprintf(stderr, "layermap-fuzz: set LAYERMAP_FUZZ_TARGET to npy, npz, safetensors, shard, cache or pt\n");
        exit(2);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    lm_fuzz_one(target, data, size);
    return 0;
}
