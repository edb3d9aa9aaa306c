#!/bin/sh
# Install the optional system packages (LibreOffice for .doc/.wps, poppler; Chromium, which only
# the tests use, to run the HTML report's sorting script; the PostgreSQL server, which the panel
# store tests start on 127.0.0.1) where allowed.
# Runs on CI (CI=true) or when INTAKE_SYSDEPS=1; elsewhere it only says what is missing.
missing=""
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-writer-nogui"
# Calc renders the workbooks in the tests (the 待复核 workbook on A4 landscape).
[ -e /usr/lib/libreoffice/program/libsclo.so ] || missing="$missing libreoffice-calc-nogui"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
# PostgreSQL server binaries: the panel store tests start a throwaway server of their own.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
[ -z "$missing" ] && exit 0
if [ "${CI:-}" = "true" ] || [ "${INTAKE_SYSDEPS:-}" = "1" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing:$missing"
        apt-get update -qq || { echo "apt-get update failed: the tests that need$missing skip"; exit 0; }
        for package in $missing; do  # one at a time: a package the mirror lacks costs only itself
            apt-get install -y -qq --no-install-recommends "$package" >/dev/null \
                || echo "could not install $package: the tests that need it will skip"
        done
        exit 0
    fi
fi
echo "optional system packages missing:$missing (tests that need them skip; INTAKE_SYSDEPS=1 make test installs them as root)"
