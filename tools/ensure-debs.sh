#!/bin/sh
# Install the named Debian packages that are missing, when we can (root on
# Debian); otherwise say exactly what to install and carry on.
missing=""
for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "note: not a Debian system; make sure these are available:$missing" >&2
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "note: missing Debian packages:$missing" >&2
    echo "      install them with: sudo apt-get install -y$missing" >&2
    exit 0
fi
echo "installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null
