#define _GNU_SOURCE
#include "map_guard.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/// Enough for a directory of thousands of .npy layers; beyond it mappings go unprotected.
#define SLOTS 8192

struct slot {
    atomic_int used;
    _Atomic uintptr_t base;
    _Atomic size_t length;
    atomic_ulong faults;
};

static struct slot slots[SLOTS];
static struct sigaction previous;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static long page_size;

int lm_map_guard_absorb(void *fault_address) {
    uintptr_t address = (uintptr_t)fault_address;
    if (page_size <= 0) return 0;
    for (int k = 0; k < SLOTS; k++) {
        if (atomic_load(&slots[k].used) != 1) continue;
        uintptr_t base = atomic_load(&slots[k].base);
        size_t length = atomic_load(&slots[k].length);
        if (address >= base && address - base < length) {
            uintptr_t page = address & ~(uintptr_t)(page_size - 1);
            void *r = mmap((void *)page, (size_t)page_size, PROT_READ,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (r == MAP_FAILED) return 0;
            atomic_fetch_add(&slots[k].faults, 1);
            return 1; // the faulting read is retried and now sees zeros
        }
    }
    return 0;
}

static void on_sigbus(int sig, siginfo_t *info, void *context) {
    (void)context;
    if (info != NULL && info->si_code > 0 && lm_map_guard_absorb(info->si_addr)) return;
    // Not a guarded mapping: give the fault its usual outcome.
    sigaction(sig, &previous, NULL);
    if (info == NULL || info->si_code <= 0) raise(sig); // sent by kill(): send it again
}

static void install(void) {
    page_size = sysconf(_SC_PAGESIZE);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, &previous);
}

int lm_map_guard_register(const void *base, size_t length) {
    pthread_once(&once, install);
    for (int k = 0; k < SLOTS; k++) {
        int expected = 0;
        if (atomic_compare_exchange_strong(&slots[k].used, &expected, 2)) {
            atomic_store(&slots[k].base, (uintptr_t)base);
            atomic_store(&slots[k].length, length);
            atomic_store(&slots[k].faults, 0);
            atomic_store(&slots[k].used, 1);
            return k;
        }
    }
    return -1;
}

void lm_map_guard_unregister(int slot) {
    if (slot < 0 || slot >= SLOTS) return;
    atomic_store(&slots[slot].length, 0);
    atomic_store(&slots[slot].used, 0);
}

unsigned long lm_map_guard_faults(int slot) {
    if (slot < 0 || slot >= SLOTS) return 0;
    return atomic_load(&slots[slot].faults);
}
