#!/bin/sh
# A self-signed certificate for https://localhost:8443 (compose.yaml's nginx), valid for 30
# days. Browsers warn about it: it is for trying the stack, never for a real site.
set -eu
folder="$(cd "$(dirname "$0")" && pwd)/certs"
mkdir -p "$folder"
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$folder/key.pem" -out "$folder/certificate.pem"
echo "Made $folder/certificate.pem and key.pem"
