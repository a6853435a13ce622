#!/usr/bin/env bash
# The cluster suite (test/cluster, jest). Default: builds the control plane if the
# cache is cold, starts a private one, runs the suite, and always stops it.
#   scripts/cluster/test.sh            local control plane (127.0.0.1 only)
#   scripts/cluster/test.sh external   the cluster $KUBECONFIG points at (no control plane is built or started)
# Both build the Pulumi binaries if they are missing (cached: instant), for test/cluster/pulumi*.test.ts.
# Extra arguments after the mode go to jest (e.g. -t 'rollout').
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/env.sh"
mode=${1:-local}; shift || true
cd "$root"
[[ -d build/test/cluster ]] || die "build/test/cluster is missing: run 'npm run build' first"
jest=(node "$root/node_modules/jest/bin/jest.js" -c "$root/jest.cluster.config.js" --runInBand "$@")

# The Pulumi tests (test/cluster/pulumi*.test.ts) need the pulumi CLI, its Node.js language host and the
# Kubernetes provider. Built from the Go module proxy if missing (cached: instant); a build that fails stops the
# suite here, loudly, instead of letting those tests skip.
build_pulumi() {
  local t0=$SECONDS
  if ! "$here/build-pulumi.sh"; then
    cat >&2 <<'MSG'
[cluster] ==================================================================
[cluster] FAILED: the Pulumi binaries could not be built (see above).
[cluster] The cluster suite did not run. Unit tests are unaffected.
[cluster] ==================================================================
MSG
    exit 1
  fi
  log "pulumi binaries ready in $((SECONDS - t0)) s"
}
use_pulumi() { # use_pulumi STATE_DIR: PATH, a private file backend and PULUMI_HOME under STATE_DIR, offline settings
  . "$here/pulumi-env.sh" "$1" || die "pulumi-env.sh could not set up the Pulumi binaries"
  log "using pulumi $(pulumi version) ($(command -v pulumi)), state in $1"
}

case $mode in
  external)
    [[ -n ${KUBECONFIG:-} ]] || die "external mode tests the cluster \$KUBECONFIG names; set KUBECONFIG"
    export KUBEFORGE_TEST_KUBECONFIG=$KUBECONFIG
    export KUBEFORGE_KUBECTL=${KUBEFORGE_KUBECTL:-$(command -v kubectl || echo "$K8S_BIN/kubectl")}
    log "cluster suite against $(KUBECONFIG=$KUBECONFIG "$KUBEFORGE_KUBECTL" config current-context) (from \$KUBECONFIG)"
    pulumi_state=$(mktemp -d "${TMPDIR:-/tmp}/kubeforge-test-pulumi-XXXXXX")
    trap 'rm -rf "$pulumi_state"' EXIT
    build_pulumi
    use_pulumi "$pulumi_state"
    status=0
    "${jest[@]}" || status=$?
    exit $status ;;
  local) ;;
  *) die "unknown mode '$mode' (allowed: local, external)" ;;
esac

t0=$SECONDS
if ! "$here/build.sh"; then
  cat >&2 <<'MSG'
[cluster] ==================================================================
[cluster] FAILED: the local control plane could not be built (see above).
[cluster] The cluster suite did not run. Unit tests are unaffected.
[cluster] ==================================================================
MSG
  exit 1
fi
log "binaries ready in $((SECONDS - t0)) s"
build_pulumi

# A private cluster per run, so a developer's own `up` cluster is never touched.
export KUBEFORGE_CLUSTER_DIR=${TMPDIR:-/tmp}/kubeforge-test-cluster-$$
trap '"$here/down.sh"' EXIT
"$here/up.sh"
export KUBEFORGE_TEST_KUBECONFIG=$KUBEFORGE_CLUSTER_DIR/kubeconfig
export KUBEFORGE_KUBECTL=$K8S_BIN/kubectl
# Pulumi's state lives with the private cluster, so down.sh removes both.
use_pulumi "$KUBEFORGE_CLUSTER_DIR/pulumi"
t1=$SECONDS
status=0
"${jest[@]}" || status=$?
log "cluster suite finished in $((SECONDS - t1)) s (exit $status)"
exit $status
