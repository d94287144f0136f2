#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL cluster:
#   scripts/pg-test-cluster.sh COMMAND [ARGS...]
# Installs PostgreSQL from Debian's packages when missing (apt-get, as root), creates a
# cluster in a temporary folder (owned by the 'postgres' user when run as root: initdb
# refuses root), starts it on 127.0.0.1 on a free port of its own (no Unix socket in a shared
# folder), with password (SCRAM) authentication and TLS (ssl = on, with a certificate for
# 127.0.0.1 and localhost signed by a throw-away CA made with openssl), then runs COMMAND with
#   CULTIVAR_TEST_PG_URL=postgres://cultivar@127.0.0.1:PORT/cultivar,   PGPASSWORD   and
#   CULTIVAR_TEST_PG_CA=FOLDER/tls/ca.crt (the CA's certificate, for sslmode=verify-full)
# in its environment. The cluster is stopped and its folder removed when COMMAND ends,
# fails, or the script is interrupted. Exits with COMMAND's status.
set -euo pipefail

PG_VERSION="${PG_VERSION:-15}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/$PG_VERSION/bin}"

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

if [ ! -x "$PG_BIN/initdb" ] || ! command -v psql >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: PostgreSQL $PG_VERSION is not installed ($PG_BIN/initdb is missing)" >&2
    echo "  hint: run as root so it can be installed, or: sudo apt-get install postgresql-$PG_VERSION postgresql-client-$PG_VERSION" >&2
    exit 1
  fi
  echo "installing postgresql-$PG_VERSION"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "postgresql-$PG_VERSION" "postgresql-client-$PG_VERSION" >/dev/null
fi

# The user that owns and runs the cluster: this one, or 'postgres' for root.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
  as_owner=(runuser -u postgres --)
fi

folder="$(mktemp -d "${TMPDIR:-/tmp}/cultivar-pg.XXXXXX")"
chmod 755 "$folder"
[ "${#as_owner[@]}" -eq 0 ] || chown postgres: "$folder"
data="$folder/data"
log="$folder/server.log"
started=0

cleanup() {
  status=$?
  if [ "$started" -eq 1 ]; then
    "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$folder"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free loopback port: bind port 0 and read the one the system chose.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
password="$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
printf '%s\n' "$password" > "$folder/password"
[ "${#as_owner[@]}" -eq 0 ] || chown postgres: "$folder/password"
chmod 600 "$folder/password"

# TLS: a CA, and the server's certificate for 127.0.0.1 and localhost signed by it.
tls="$folder/tls"
mkdir -p "$tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=cultivar test CA" \
  -keyout "$tls/ca.key" -out "$tls/ca.crt" >>"$tls/openssl.log" 2>&1
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$tls/server.key" -out "$tls/server.csr" >>"$tls/openssl.log" 2>&1
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$tls/san.ext"
openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 2 \
  -extfile "$tls/san.ext" -out "$tls/server.crt" >>"$tls/openssl.log" 2>&1
chmod 600 "$tls/server.key" "$tls/ca.key"
[ "${#as_owner[@]}" -eq 0 ] || chown -R postgres: "$tls"
chmod 755 "$tls"
chmod 644 "$tls/ca.crt"

"${as_owner[@]}" "$PG_BIN/initdb" -D "$data" -U cultivar --pwfile="$folder/password" --auth=scram-sha-256 \
  --encoding=UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 || { cat "$folder/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$folder' -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c ssl=on -c ssl_cert_file=$tls/server.crt -c ssl_key_file=$tls/server.key" \
  start >/dev/null || { cat "$log" >&2; exit 1; }
started=1

export PGPASSWORD="$password"
PGPASSWORD="$password" psql -q -h 127.0.0.1 -p "$port" -U cultivar -d postgres -c "CREATE DATABASE cultivar" >/dev/null
export CULTIVAR_TEST_PG_URL="postgres://cultivar@127.0.0.1:$port/cultivar"
export CULTIVAR_TEST_PG_CA="$tls/ca.crt"
echo "PostgreSQL $PG_VERSION test cluster on 127.0.0.1:$port (folder $folder)"
"$@"
