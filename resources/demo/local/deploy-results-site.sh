#!/usr/bin/env bash
# Publishes election-night results to the county results website.
# Run from the results PC after each tabulator upload.  -- J.
set -euo pipefail

export AWS_ACCESS_KEY_ID=AKIATCH6YDSYQALJMMQQ
export AWS_SECRET_ACCESS_KEY=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
export AWS_DEFAULT_REGION=us-east-2

SITE_DIR="$(dirname "$0")/site"
aws s3 sync "$SITE_DIR" s3://harlow-county-election-results-site/ --delete --exclude "*.tmp"
echo "Results published at $(date)"
