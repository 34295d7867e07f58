# Shared set-up for test/demo.sh and test/check.sh: dependencies, build,
# a private install of the server plus the extension, and throwaway clusters.
# Sourced, not run.

PGVERSION=${PGVERSION:-15}
PGBIN_SYS=/usr/lib/postgresql/$PGVERSION/bin
PG_CONFIG_SYS=$PGBIN_SYS/pg_config
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Run a command as root: directly, or through sudo.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Install what is missing with apt-get (Debian 12).
ensure_deps() {
	local missing=()
	[ -x "$PGBIN_SYS/postgres" ] || missing+=("postgresql-$PGVERSION")
	[ -f "/usr/include/postgresql/$PGVERSION/server/postgres.h" ] || missing+=("postgresql-server-dev-$PGVERSION")
	[ -f /usr/include/unicode/utrans.h ] || missing+=(libicu-dev)
	command -v gcc >/dev/null && command -v make >/dev/null || missing+=(build-essential)
	command -v runuser >/dev/null || missing+=(util-linux)
	for extra in "$@"; do
		dpkg -s "$extra" >/dev/null 2>&1 || missing+=("$extra")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		say "installing: ${missing[*]}"
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
	fi
}

# Build the extension (warnings are errors).  The server's headers are
# system headers here, so that their warnings do not count; unused
# parameters are allowed, as callbacks of the server (cache invalidation,
# PG_FUNCTION_ARGS) have a fixed signature.
WARN_FLAGS="-Wall -Wextra -Werror -Wno-unused-parameter"
build() {
	say "building"
	make -C "$REPO" -s PG_CONFIG="$PG_CONFIG_SYS" \
		COPT="$WARN_FLAGS -isystem $("$PG_CONFIG_SYS" --includedir-server)" >&2
}

# The unprivileged user that runs servers when we are root.
run_user() {
	if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi
}

as_run_user() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# make_temp_install DIR: the server's files copied under DIR with the
# extension installed into them, so that tests never touch the system
# installation (the server finds its lib and share directories relative to
# its own binary).
make_temp_install() {
	local dir=$1 root=$1/inst
	mkdir -p "$root/usr/lib/postgresql" "$root/usr/share/postgresql"
	cp -a "/usr/lib/postgresql/$PGVERSION" "$root/usr/lib/postgresql/"
	cp -a "/usr/share/postgresql/$PGVERSION" "$root/usr/share/postgresql/"
	make -C "$REPO" -s PG_CONFIG="$PG_CONFIG_SYS" DESTDIR="$root" install >&2
	TEMP_BIN=$root/usr/lib/postgresql/$PGVERSION/bin
}

# start_cluster BINDIR DATADIR SOCKETDIR PORT: initdb (UTF8) and start.
start_cluster() {
	local bin=$1 data=$2 sock=$3 port=$4
	mkdir -p "$data" "$sock"
	if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$(dirname "$data")" "$sock"; fi
	as_run_user "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
	cat >>"$data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$sock'
port = $port
fsync = off
synchronous_commit = off
full_page_writes = off
max_worker_processes = 8
max_parallel_workers_per_gather = 2
CONF
	as_run_user "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w start >/dev/null
}

stop_cluster() {
	local bin=$1 data=$2
	[ -f "$data/postmaster.pid" ] && as_run_user "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}
