# Helpers for benchmark scripts (sourced; run by test/bench.sh).

# files_to_copy OUT FILE...: the one COPY-text writer the tests use too.
. "$REPO/test/t/common.bash"

# corpus_to_copy OUT DIR...: every document file under DIR, one row each.
corpus_to_copy() {
	local out=$1 files
	shift
	mapfile -t files < <(find "$@" -type f \( -name '*.md' -o -name '*.txt' -o -name '*.htm' \) | sort)
	files_to_copy "$out" "${files[@]}"
	chmod 644 "$out"
}

# best_ms SQL [RUNS]: the fastest of RUNS (default 3) runs, in milliseconds.
best_ms() {
	local sql=$1 runs=${2:-3} best=
	for _ in $(seq "$runs"); do
		local ms
		ms=$("${PSQL[@]}" -c '\timing on' -c "$sql" | sed -nE 's/^Time: ([0-9.]+) ms.*/\1/p' | tail -1)
		if [ -z "$best" ] || awk -v a="$ms" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$ms; fi
	done
	echo "$best"
}

# mbps BYTES MS
mbps() { awk -v b="$1" -v ms="$2" 'BEGIN{printf "%.1f", b / 1048576 / (ms / 1000)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a / b}'; }
