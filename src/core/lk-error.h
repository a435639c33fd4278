/* lk-error.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LK_FAL_ERROR     (lk_fal_error_quark ())
#define LK_DATASET_ERROR (lk_dataset_error_quark ())
#define LK_ARCHIVE_ERROR (lk_archive_error_quark ())
#define LK_STORE_ERROR   (lk_store_error_quark ())
#define LK_CATALOG_ERROR (lk_catalog_error_quark ())

/**
 * LkFalError:
 * @LK_FAL_ERROR_NO_KEY: no API key is configured
 * @LK_FAL_ERROR_UNAUTHORIZED: 401, the key was refused
 * @LK_FAL_ERROR_INVALID_KEY_FORMAT: 401, the key is not `<id>:<secret>`
 * @LK_FAL_ERROR_QUOTA_EXCEEDED: 403 "User is locked": no balance or an admin lock
 * @LK_FAL_ERROR_RATE_LIMITED: 429, retries used up
 * @LK_FAL_ERROR_VALIDATION: 422, the input was rejected
 * @LK_FAL_ERROR_NOT_FOUND: 404, unknown app or request
 * @LK_FAL_ERROR_SERVER: 5xx after retries
 * @LK_FAL_ERROR_TIMEOUT: 504 with `x-fal-request-timeout-type: user`
 * @LK_FAL_ERROR_NETWORK: the host could not be reached
 * @LK_FAL_ERROR_MALFORMED: the reply is not what the protocol says
 * @LK_FAL_ERROR_STILL_IN_PROGRESS: result asked for before completion
 * @LK_FAL_ERROR_ALREADY_COMPLETED: cancel of a finished request
 * @LK_FAL_ERROR_CANCELLED: the request was cancelled on fal's side
 * @LK_FAL_ERROR_FAILED: the job completed with an error
 * @LK_FAL_ERROR_INSUFFICIENT_DATA: the seed's "insufficient data" case
 * @LK_FAL_ERROR_INVALID_FORMAT: the seed's "invalid format" case
 * @LK_FAL_ERROR_BAD_REQUEST: any other 4xx
 * @LK_FAL_ERROR_SIZE_MISMATCH: a download's size differs from the reported one
 * @LK_FAL_ERROR_UPLOAD: the presigned upload failed
 * @LK_FAL_ERROR_KEYRING: the Secret Service could not read or store the key
 * @LK_FAL_ERROR_FILE: a local file to upload or to save a download in failed
 */
typedef enum
{
  LK_FAL_ERROR_NO_KEY,
  LK_FAL_ERROR_UNAUTHORIZED,
  LK_FAL_ERROR_INVALID_KEY_FORMAT,
  LK_FAL_ERROR_QUOTA_EXCEEDED,
  LK_FAL_ERROR_RATE_LIMITED,
  LK_FAL_ERROR_VALIDATION,
  LK_FAL_ERROR_NOT_FOUND,
  LK_FAL_ERROR_SERVER,
  LK_FAL_ERROR_TIMEOUT,
  LK_FAL_ERROR_NETWORK,
  LK_FAL_ERROR_MALFORMED,
  LK_FAL_ERROR_STILL_IN_PROGRESS,
  LK_FAL_ERROR_ALREADY_COMPLETED,
  LK_FAL_ERROR_CANCELLED,
  LK_FAL_ERROR_FAILED,
  LK_FAL_ERROR_INSUFFICIENT_DATA,
  LK_FAL_ERROR_INVALID_FORMAT,
  LK_FAL_ERROR_BAD_REQUEST,
  LK_FAL_ERROR_SIZE_MISMATCH,
  LK_FAL_ERROR_UPLOAD,
  LK_FAL_ERROR_KEYRING,
  LK_FAL_ERROR_FILE,
} LkFalError;

typedef enum
{
  LK_DATASET_ERROR_EMPTY,
  LK_DATASET_ERROR_UNSUPPORTED,
  LK_DATASET_ERROR_CORRUPT,
  LK_DATASET_ERROR_TOO_LARGE,
  LK_DATASET_ERROR_CAPTION_ENCODING,
  LK_DATASET_ERROR_IO,
} LkDatasetError;

typedef enum
{
  LK_ARCHIVE_ERROR_FAILED,
  LK_ARCHIVE_ERROR_NAME,
} LkArchiveError;

typedef enum
{
  LK_STORE_ERROR_CORRUPT,
  LK_STORE_ERROR_NEWER_VERSION,
  LK_STORE_ERROR_FAILED,
  LK_STORE_ERROR_NOT_FOUND,
  LK_STORE_ERROR_ALREADY_SUBMITTED,
} LkStoreError;

typedef enum
{
  LK_CATALOG_ERROR_PARSE,
  LK_CATALOG_ERROR_UNKNOWN_TRAINER,
  LK_CATALOG_ERROR_UNKNOWN_FIELD,
  LK_CATALOG_ERROR_WRONG_TYPE,
  LK_CATALOG_ERROR_OUT_OF_RANGE,
  LK_CATALOG_ERROR_MISSING_FIELD,
  LK_CATALOG_ERROR_TOO_LARGE,
  LK_CATALOG_ERROR_CAP_EXCEEDED,
} LkCatalogError;

GQuark lk_fal_error_quark     (void);
GQuark lk_dataset_error_quark (void);
GQuark lk_archive_error_quark (void);
GQuark lk_store_error_quark   (void);
GQuark lk_catalog_error_quark (void);

G_END_DECLS
