#!/usr/bin/env bash
# Prints a bearer token that the platform's default (dev) configuration accepts.
# Signed with the dev key in liberty/src/main/liberty/config/ — for development and tests only; the production
# profile does not trust it.
#
#   scripts/dev-token.sh --role platform-admin
#   scripts/dev-token.sh --role cpo-admin --cpo NL*GFX [--cpo BE*ABC]
#   scripts/dev-token.sh --role capacity-provider --client dso-east
#   (--key PEM --issuer URL sign for another issuer, e.g. a throwaway production key in a test)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
key="$here/../liberty/src/main/liberty/config/dev-jwt-private.pem"
issuer="https://dev.gridcharge.local"
role="" client="" subject="" ttl=3600
cpos=()

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --role) role="$2"; shift 2 ;;
    --cpo) cpos+=("$2"); shift 2 ;;
    --client) client="$2"; shift 2 ;;
    --subject) subject="$2"; shift 2 ;;
    --ttl) ttl="$2"; shift 2 ;;
    --key) key="$2"; shift 2 ;;
    --issuer) issuer="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "unknown option: $1" >&2; usage 2 ;;
  esac
done
case "$role" in
  platform-admin|cpo-admin|capacity-provider) ;;
  *) echo "--role must be platform-admin, cpo-admin or capacity-provider" >&2; exit 2 ;;
esac
[ "$role" != "cpo-admin" ] || [ ${#cpos[@]} -gt 0 ] || { echo "a cpo-admin needs at least one --cpo" >&2; exit 2; }
[ "$role" != "capacity-provider" ] || [ -n "$client" ] || { echo "a capacity-provider needs --client" >&2; exit 2; }
[ -n "$subject" ] || subject="dev-$role${client:+-$client}"

json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

now=$(date +%s)
cpo_json=""
for c in "${cpos[@]+"${cpos[@]}"}"; do cpo_json="${cpo_json:+$cpo_json,}$(json_string "$c")"; done
payload="{\"iss\":$(json_string "$issuer"),\"sub\":$(json_string "$subject"),\"upn\":$(json_string "$subject"),"
payload+="\"groups\":[$(json_string "$role")],\"cpo_ids\":[${cpo_json}],"
[ -z "$client" ] || payload+="\"client_id\":$(json_string "$client"),"
payload+="\"iat\":$now,\"exp\":$((now + ttl)),\"jti\":\"$(openssl rand -hex 12)\"}"

header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
body=$(printf '%s' "$payload" | b64url)
signature=$(printf '%s.%s' "$header" "$body" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$body" "$signature"
