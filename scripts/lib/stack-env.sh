# Sourced by the scripts: points INFERSTREAM_BOOTSTRAP_SERVERS and INFERSTREAM_SCHEMA_REGISTRY_URL at the local
# stack when it runs (scripts/local-stack start), unless they are set already.
# LOCAL_STACK_DIR selects another stack folder (default: .local-stack in the repository).
inferstream_stack_env() {
  local state="${LOCAL_STACK_DIR:-$root/.local-stack}/stack.properties"
  if [ -f "$state" ] && grep -q '^status=ready' "$state"; then
    local bootstrap registry
    bootstrap=$(grep '^bootstrap.servers=' "$state" | head -1 | cut -d= -f2- | sed 's/\\//g')
    registry=$(grep '^schema.registry.url=' "$state" | head -1 | cut -d= -f2- | sed 's/\\//g')
    export INFERSTREAM_BOOTSTRAP_SERVERS="${INFERSTREAM_BOOTSTRAP_SERVERS:-$bootstrap}"
    export INFERSTREAM_SCHEMA_REGISTRY_URL="${INFERSTREAM_SCHEMA_REGISTRY_URL:-$registry}"
  fi
}
inferstream_stack_env
