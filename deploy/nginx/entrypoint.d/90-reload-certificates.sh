#!/bin/sh
# Run by the nginx image's entrypoint before nginx starts: reload nginx every 6 hours, so that a
# certificate certbot renewed (deploy/docker-compose.yml's certbot service) is taken up without a
# restart. A reload re-reads the configuration and certificates and drains old workers gracefully.
set -eu
(
  while sleep 21600; do
    nginx -s reload
  done
) &
