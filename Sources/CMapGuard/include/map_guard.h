#ifndef LAYERMAP_MAP_GUARD_H
#define LAYERMAP_MAP_GUARD_H

#include <stddef.h>

/// Protection for read-only file mappings against SIGBUS when another process truncates the
/// file while it is mapped (touching a page past the new end raises SIGBUS).
///
/// A registered range's lost pages are replaced, inside the SIGBUS handler, by anonymous zero
/// pages (mmap MAP_FIXED), and the range's fault counter is raised; the reader checks the counter
/// after reading and reports "the file was truncated while it was read" instead of dying. A SIGBUS
/// outside every registered range restores the previous handler and re-faults, so other faults
/// keep their usual outcome.

/// Registers [base, base + length) and returns its slot, or -1 when all slots are taken (the
/// range is then unprotected). Installs the handler on first use.
int lm_map_guard_register(const void *base, size_t length);

/// Async-signal-safe: when `fault_address` lies in a registered range, maps a zero page over
/// it, counts the fault and returns 1 (the faulting read can be retried); else 0. Other SIGBUS
/// handlers (the explorer's terminal guard) call it first.
int lm_map_guard_absorb(void *fault_address);

/// Forgets the slot (before the range is unmapped).
void lm_map_guard_unregister(int slot);

/// How many pages of the slot's range were lost to truncation so far.
unsigned long lm_map_guard_faults(int slot);

#endif
