#!/bin/sh
# Build Mailpit (the SMTP server the mail integration tests run against) into
# the path given as the first argument, default ../bin/mailpit relative to this
# folder. The version is pinned in tools/go.mod; nothing is fetched @latest.
#
#   tools/build-mailpit.sh /tmp/mailpit && DIGESTD_MAILPIT=/tmp/mailpit go test ./mail/
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/../bin/mailpit"}
case $out in /*) ;; *) out="$(pwd)/$out" ;; esac
cd "$here"
go build -trimpath -o "$out" github.com/axllent/mailpit
echo "$out"
