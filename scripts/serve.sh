#!/bin/sh
# How pitchside runs in production: `npm start`, the Docker image and `npm run bench` all start it
# through this file. Measured with the bench (BENCHMARKS.md):
# - glibc raises its mmap threshold after the first 19 MiB argon2 buffer is freed, and from then on
#   keeps such buffers in per-thread arenas for good (~25 MB); a fixed threshold returns them.
# - V8 sizes its heap from the machine's memory (a ~4 GB limit on 24 GB) and, that far from it,
#   lets garbage pile up to ~150 MB before collecting. A 1 GB limit (the live heap is ~35 MB under
#   load) keeps the heap small; the young generation keeps its default 16 MB semi-spaces, which a
#   lower limit would shrink, at a cost in throughput.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-1048576}"
exec node --max-old-space-size=1024 --max-semi-space-size=16 "$@" dist/main.js
