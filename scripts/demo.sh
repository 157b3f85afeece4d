#!/usr/bin/env bash
# The `make run` demo: a worker on an embedded JetStream server, the
# project's sample articles published, the first enriched event printed.
# Ctrl-C drains the worker and exits.
set -euo pipefail
cd "$(dirname "$0")/.."

HTTP_ADDR=${WIRESTREAM_HTTP_ADDR:-127.0.0.1:8080}
NATS_LISTEN=${WIRESTREAM_EMBEDDED_LISTEN:-127.0.0.1:4222}
export NATS_URL="nats://${NATS_LISTEN}"

bin/worker --embedded --embedded-listen "$NATS_LISTEN" --http-addr "$HTTP_ADDR" \
  --log-format console --log-level info &
worker=$!
stop() {
  trap - INT TERM EXIT
  if kill -0 "$worker" 2>/dev/null; then
    kill -TERM "$worker" 2>/dev/null || true
  fi
  wait "$worker" || status=$?
  exit "${status:-0}"
}
trap stop INT TERM EXIT

# The project's own samples, plus the real wire sample when this checkout
# sits beside the shared material.
inputs=(samples/)
[ -f ../shared/samples/wire-article.txt ] && inputs+=(../shared/samples/wire-article.txt)

# The publisher fails fast until the server listens; retry for 15 s.
for i in $(seq 75); do
  if bin/publisher --source demo --progress never "${inputs[@]}" 2>/dev/null; then break; fi
  kill -0 "$worker" 2>/dev/null || { echo "worker exited"; exit 1; }
  [ "$i" = 75 ] && { echo "could not reach the embedded server"; exit 1; }
  sleep 0.2
done

echo
echo "== first enriched event (articles.enriched.demo) =="
bin/tail --wait 15s --count 1
echo
echo "== worker metrics: http://${HTTP_ADDR}/metrics  (health: /healthz, /readyz)"
echo "== more events:    bin/tail        dead letters: bin/tail --dlq"
echo "== publish more:   bin/publisher --generate 10000 --source load"
echo "== Ctrl-C drains the worker and stops."
wait "$worker"
