#!/bin/sh
# Print lesson 10's nginx.conf with this machine's values filled in, from the environment
# (defaults below). Install it with:
#
#   SERVER_NAME=reviews.example.com sh lessons/10_production/nginx_site.sh \
#       | sudo tee /etc/nginx/sites-available/reviews
#
# envsubst is given the names to replace, so nginx's own $variables stay as they are.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
: "${SERVER_NAME:=reviews.example.com}"
: "${HTTP_PORT:=80}"
: "${HTTPS_PORT:=443}"
: "${TLS_CERTIFICATE:=/etc/letsencrypt/live/$SERVER_NAME/fullchain.pem}"
: "${TLS_CERTIFICATE_KEY:=/etc/letsencrypt/live/$SERVER_NAME/privkey.pem}"
: "${APP_SERVERS:=server 127.0.0.1:5000;}"
: "${STATIC_ROOT:=$(dirname "$(dirname "$here")")/final_app/static/}"
: "${RATE_LIMIT_EXEMPT:=}"
export SERVER_NAME HTTP_PORT HTTPS_PORT TLS_CERTIFICATE TLS_CERTIFICATE_KEY APP_SERVERS \
    STATIC_ROOT RATE_LIMIT_EXEMPT
envsubst '${SERVER_NAME} ${HTTP_PORT} ${HTTPS_PORT} ${TLS_CERTIFICATE} ${TLS_CERTIFICATE_KEY} ${APP_SERVERS} ${STATIC_ROOT} ${RATE_LIMIT_EXEMPT}' \
    < "$here/nginx.conf"
