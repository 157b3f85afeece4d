#!/usr/bin/env bash
# Makes sure `promtool` (Prometheus' rule and metric checker) is on PATH,
# so that the deploy/ tests run `promtool check metrics`, `check rules` and
# `test rules` instead of skipping. Idempotent: does nothing when promtool
# is already there. Otherwise installs Debian/Ubuntu's `prometheus` package
# (which ships promtool) with apt-get, through sudo when not root. When it
# cannot, it says so loudly and exits non-zero; the Go tests then skip
# (or fail when CI=true).
set -euo pipefail

if command -v promtool >/dev/null 2>&1; then
  echo "ensure-promtool: $(promtool --version 2>&1 | head -n 1) at $(command -v promtool)"
  exit 0
fi

shout() {
  echo "################################################################" >&2
  echo "ensure-promtool: $*" >&2
  echo "Install promtool yourself (Debian/Ubuntu: apt-get install prometheus;" >&2
  echo "elsewhere: the prometheus release tarball from" >&2
  echo "https://prometheus.io/download/ and put promtool on PATH)." >&2
  echo "Without it the promtool checks in deploy/ are skipped (and fail with CI=true)." >&2
  echo "################################################################" >&2
}

if ! command -v apt-get >/dev/null 2>&1; then
  shout "promtool is not on PATH and apt-get is not available."
  exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    shout "promtool is not on PATH, and installing it needs root but sudo is missing."
    exit 1
  fi
fi

echo "ensure-promtool: installing Debian package 'prometheus' for promtool" >&2
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y --no-install-recommends prometheus; then
  # A fresh container often has empty package lists; refresh once and retry.
  if ! { "${sudo[@]}" apt-get update && "${sudo[@]}" apt-get install -y --no-install-recommends prometheus; }; then
    shout "apt-get install prometheus failed."
    exit 1
  fi
fi

if ! command -v promtool >/dev/null 2>&1; then
  shout "the prometheus package is installed but promtool is still not on PATH."
  exit 1
fi
echo "ensure-promtool: $(promtool --version 2>&1 | head -n 1) at $(command -v promtool)"
