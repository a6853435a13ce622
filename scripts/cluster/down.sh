#!/usr/bin/env bash
# Stops exactly the processes up.sh started (by the pids it recorded, checked
# against their command line), then removes the cluster's state directory.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/env.sh"
S=$KUBEFORGE_CLUSTER_DIR
[[ -d $S ]] || { log "down: nothing to stop ($S does not exist)"; exit 0; }

stopped=()
for name in kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
  f=$S/pids/$name
  [[ -f $f ]] || continue
  pid=$(cat "$f")
  # Only signal the pid if it still runs the binary we started (pids get reused).
  if [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "/$name "; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null; log "down: $name ($pid) killed after 10 s"; fi
    stopped+=("$name")
  fi
done
rm -rf "$S"
log "down: stopped ${stopped[*]:-nothing (no process was running)}; removed $S"
