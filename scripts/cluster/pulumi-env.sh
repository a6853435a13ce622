# Sourced, never run: puts the Pulumi binaries that build-pulumi.sh cached on
# PATH and sets Pulumi up to work fully offline, with a local file backend.
#   . scripts/cluster/pulumi-env.sh [STATE_DIR]
# STATE_DIR (default $KUBEFORGE_CLUSTER_DIR/pulumi) holds PULUMI_HOME (home/)
# and the stacks (backend/). Pass it explicitly when sourcing from a script:
# bash hands a script's own "$1" to a file sourced without arguments.
# Returns non-zero (never exits the caller's shell) when the binaries are missing.

_kf_pulumi_env() {
  local here settings
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd) || return 1
  # The versions and cache dirs live in build-pulumi.sh (one place to bump them).
  settings=$(bash "$here/build-pulumi.sh" paths) || { echo "pulumi-env: $here/build-pulumi.sh paths failed" >&2; return 1; }
  local PULUMI_BIN PULUMI_K8S_BIN PULUMI_VERSION PULUMI_K8S_PROVIDER_VERSION KUBEFORGE_CACHE KUBEFORGE_CLUSTER_DIR
  eval "$settings"
  local b missing=()
  for b in "$PULUMI_BIN/pulumi" "$PULUMI_BIN/pulumi-language-nodejs" "$PULUMI_K8S_BIN/pulumi-resource-kubernetes"; do
    [[ -x $b ]] || missing+=("$b")
  done
  if (( ${#missing[@]} )); then
    echo "pulumi-env: not built yet: ${missing[*]}; run $here/build-pulumi.sh" >&2
    return 1
  fi

  local state=${1:-$KUBEFORGE_CLUSTER_DIR/pulumi}
  mkdir -p "$state/home" "$state/backend" || return 1
  state=$(cd "$state" && pwd)

  # The CLI finds its language host next to itself and the provider on PATH
  # ("ambient" plugins), so nothing is ever installed into PULUMI_HOME/plugins.
  local p=":$PATH:"
  p=${p//":$PULUMI_BIN:"/:}; p=${p//":$PULUMI_K8S_BIN:"/:}; p=${p#:}; p=${p%:}
  export PATH="$PULUMI_BIN:$PULUMI_K8S_BIN${p:+:$p}"
  unset PULUMI_IGNORE_AMBIENT_PLUGINS   # would hide the PATH plugins

  export KUBEFORGE_PULUMI_STATE=$state
  export PULUMI_HOME=$state/home
  export PULUMI_BACKEND_URL=file://$state/backend
  # Stack secrets are encrypted with this; a fixed test value unless one is set.
  [[ -n ${PULUMI_CONFIG_PASSPHRASE_FILE:-} ]] ||
    export PULUMI_CONFIG_PASSPHRASE=${PULUMI_CONFIG_PASSPHRASE-kubeforge-local-only}
  export PULUMI_SKIP_UPDATE_CHECK=true
  export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
}
if _kf_pulumi_env "$@"; then
  unset -f _kf_pulumi_env
else
  unset -f _kf_pulumi_env
  return 1 2>/dev/null || exit 1
fi
