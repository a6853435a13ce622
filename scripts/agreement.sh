#!/usr/bin/env bash
# The agreement harness by hand: kubeforge validate vs the API server's dry run, case by case.
#   bash scripts/agreement.sh [--cli PATH/build/lib/cli/main.js] FILES|DIRS...
# Against $KUBEFORGE_TEST_KUBECONFIG, else $KUBECONFIG (a running `npm run cluster:up`, or any cluster).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cluster/env.sh"
export KUBEFORGE_TEST_KUBECONFIG=${KUBEFORGE_TEST_KUBECONFIG:-${KUBECONFIG:-}}
[[ -n $KUBEFORGE_TEST_KUBECONFIG ]] || die "set KUBECONFIG to the cluster to compare with (npm run cluster:up prints it)"
export KUBEFORGE_KUBECTL=${KUBEFORGE_KUBECTL:-$(command -v kubectl || echo "$K8S_BIN/kubectl")}
[[ -f $here/../build/test/cluster/agreement-cli.js ]] || die "run 'npm run build' first"
exec node "$here/../build/test/cluster/agreement-cli.js" "$@"
