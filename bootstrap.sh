#!/bin/sh
# bootstrap.sh: set up a fresh Debian machine for brief and build it.
# Installs what is missing with apt-get (as root or through sudo), or says
# the exact command to run; then autoreconf, configure and make.
# Extra arguments go to ./configure.
set -e
cd "$(dirname "$0")"

need=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
for p in gcc make autoconf automake pkg-config libncurses-dev libsqlite3-dev \
	libunistring-dev libcmocka-dev sqlite3 tmux libpoppler-glib-dev \
	libzip-dev libxml2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev \
	libuchardet-dev; do
	have_pkg "$p" || need="$need $p"
done

if [ -n "$need" ]; then
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "bootstrap.sh: please install:$need" >&2
		exit 1
	fi
	if [ "$(id -u)" = 0 ]; then
		SUDO=""
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		SUDO="sudo"
	else
		echo "bootstrap.sh: missing packages; run:" >&2
		echo "  sudo apt-get install -y$need" >&2
		exit 1
	fi
	echo "bootstrap.sh: installing:$need"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq || true
	$SUDO apt-get install -y -qq $need >/dev/null
fi

mkdir -p m4
autoreconf -fi
./configure "$@"
make -j"$(nproc 2>/dev/null || echo 2)"
