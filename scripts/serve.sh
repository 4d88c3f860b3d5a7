#!/bin/sh
# How pitchside runs in production: `npm start`, the Docker image and `npm run bench` all start it
# through this file. Measured with the bench (docs/benchmarks.md):
# - glibc's malloc takes a fixed mmap threshold, 32 MiB, above argon2's 19 MiB buffer. Left to
#   itself, glibc raised its threshold after the first such buffer and kept them for good (~25 MB).
#   A 1 MiB threshold returned each one, but every hash then faulted in 19 MiB of fresh pages:
#   logins ran at 0.84 of a bare login server; with 32 MiB at 0.97, for the same resident memory.
# - V8 sizes its heap from the machine's memory (a ~4 GB limit on 24 GB) and, that far from it,
#   lets garbage pile up to ~150 MB before collecting. A 1 GB limit (the live heap is ~35 MB under
#   load) keeps the heap small; the young generation keeps its default 16 MB semi-spaces, which a
#   lower limit would shrink, at a cost in throughput.
# - libuv's thread pool, where argon2 hashes, gets one thread per core (at least 2) instead of 4:
#   hashing is bound by the CPU and memory bandwidth, and more hashes at once than cores only
#   contend (and hold 19 MiB each).
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}"
cores=$(nproc 2>/dev/null || echo 2)
export UV_THREADPOOL_SIZE="${UV_THREADPOOL_SIZE:-$(( cores > 2 ? cores : 2 ))}"
exec node --max-old-space-size=1024 --max-semi-space-size=16 "$@" dist/main.js
