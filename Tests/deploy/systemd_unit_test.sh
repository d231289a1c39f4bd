#!/usr/bin/env bash
# Checks Deploy/systemd/disclosure-desk.service as systemd itself reads it: the unit verifies,
# restarts the service whenever it stops, and systemd's own security analysis rates its
# confinement "OK" or better (exposure at most 3.9 of 10). Argument: the built program, which
# stands in for /opt/disclosure-desk/bin/disclosure.
set -euo pipefail
program=$(realpath "$1")
unit=$(mktemp -d)/disclosure-desk.service
trap 'rm -rf "$(dirname "$unit")"' EXIT
sed "s#/opt/disclosure-desk/bin/disclosure#$program#" Deploy/systemd/disclosure-desk.service > "$unit"
fail() { echo "systemd unit: $*" >&2; exit 1; }
problems=$(systemd-analyze verify "$unit" 2>&1) || fail "does not verify: $problems"
[ -z "$problems" ] || fail "verifies with warnings: $problems"
for line in Restart=always NoNewPrivileges=yes PrivateTmp=yes ProtectSystem=strict; do
    grep -qx "$line" "$unit" || fail "missing $line"
done
exposure=$(systemd-analyze security --offline=yes "$unit" 2>&1 | grep -oE "Overall exposure level for [^:]+: [0-9.]+" | grep -oE "[0-9.]+$") \
    || fail "systemd-analyze security gave no rating"
awk -v e="$exposure" 'BEGIN { exit !(e <= 3.9) }' || fail "exposure $exposure is above 3.9"
echo "systemd unit: verifies, Restart=always, exposure $exposure"
