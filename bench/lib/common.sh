# Sourced by the compare-* scripts: probing a command once (validity + peak RSS) before timing it.
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"

# probe NAME COMMAND [EXPECT] [PREPARE]: runs PREPARE (if any) then COMMAND once through bash, with GNU time.
# EXPECT, when given, is an extended regex that the command's output must match (a stub that prints nothing and
# exits 0 is not a success).
# Success: appends "NAME<TAB>peak-RSS-KB<TAB>seconds" to $rss_file and returns 0.
# Failure: appends "NAME<TAB>reason" to $failed_file (the last line the command printed) and returns 1.
probe() {
  local name=$1 command=$2 expect=${3:-} prepare=${4:-} log metrics status reason
  log=$(mktemp) metrics=$(mktemp)
  if [[ -n $prepare ]] && ! bash -c "$prepare" >"$log" 2>&1; then
    reason="prepare failed: $(grep -v '^\s*$' "$log" | tail -n 1)"
    printf '%s\t%s\n' "$name" "${reason:0:160}" >>"$failed_file"
    rm -f "$log" "$metrics"
    return 1
  fi
  status=0
  /usr/bin/time -f '%M %e' -o "$metrics" bash -c "$command" >"$log" 2>&1 || status=$?
  if ((status != 0)); then
    reason="exit $status: $(grep -v '^\s*$' "$log" | grep -v 'Command exited with non-zero status' | tail -n 1)"
    printf '%s\t%s\n' "$name" "${reason:0:160}" >>"$failed_file"
    echo "  $name: failed ($reason)" >&2
    rm -f "$log" "$metrics"
    return 1
  fi
  if [[ -n $expect ]] && ! grep -Eq -- "$expect" "$log"; then
    reason="output does not match /$expect/: $(grep -v '^\s*$' "$log" | head -c 100 | head -n 1)"
    [[ -s $log ]] || reason="output does not match /$expect/: printed nothing"
    printf '%s\t%s\n' "$name" "${reason:0:160}" >>"$failed_file"
    echo "  $name: failed ($reason)" >&2
    rm -f "$log" "$metrics"
    return 1
  fi
  read -r rss seconds < <(tail -n 1 "$metrics")
  printf '%s\t%s\t%s\n' "$name" "$rss" "$seconds" >>"$rss_file"
  echo "  $name: ok (${seconds}s, $((rss / 1024)) MB peak)" >&2
  rm -f "$log" "$metrics"
}

machine_note() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
