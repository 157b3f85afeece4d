#!/usr/bin/env bash
# Makes sure `promtool` (Prometheus' rule and metric checker) is on PATH,
# so that the deploy/ tests run `promtool check metrics`, `check rules` and
# `test rules` instead of skipping them.
#
# Idempotent: does nothing when promtool is already on PATH. Otherwise it
# installs Debian/Ubuntu's `prometheus` package (which ships promtool) with
# apt-get, through sudo when not root. When it cannot, it prints a loud
# message; it then exits 1 under CI=true (where the Go tests would fail
# anyway) and 0 elsewhere, so that `make test` still runs on a laptop
# without apt (the promtool tests skip there).
set -euo pipefail

if command -v promtool >/dev/null 2>&1; then
  echo "ensure-promtool: $(promtool --version 2>&1 | head -n 1) at $(command -v promtool)"
  exit 0
fi

cannot() {
  {
    echo "################################################################"
    echo "## ensure-promtool: $*"
    echo "## promtool is NOT installed: the promtool checks in deploy/ will be"
    echo "## SKIPPED (and fail with CI=true). Install it yourself:"
    echo "##   Debian/Ubuntu: sudo apt-get install --no-install-recommends prometheus"
    echo "##   elsewhere: promtool from https://prometheus.io/download/ on PATH"
    echo "################################################################"
  } >&2
  if [ "${CI:-}" = "true" ]; then
    exit 1
  fi
  exit 0
}

if ! command -v apt-get >/dev/null 2>&1; then
  cannot "apt-get is not available on this machine."
fi

# as_root runs a command as root: directly when we are root, else through
# sudo; without a terminal sudo must not wait for a password (-n).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif ! command -v sudo >/dev/null 2>&1; then
    echo "ensure-promtool: not root and sudo is missing" >&2
    return 1
  elif [ -t 0 ]; then
    sudo "$@"
  else
    sudo -n "$@"
  fi
}

apt_install() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus
}

echo "ensure-promtool: promtool not on PATH; installing Debian package 'prometheus'" >&2
if ! apt_install; then
  # A fresh container often has empty package lists: refresh once, retry.
  if ! { as_root apt-get update && apt_install; }; then
    cannot "apt-get install prometheus failed (see above)."
  fi
fi

if ! command -v promtool >/dev/null 2>&1; then
  cannot "the prometheus package is installed but promtool is still not on PATH."
fi
echo "ensure-promtool: $(promtool --version 2>&1 | head -n 1) at $(command -v promtool)"
