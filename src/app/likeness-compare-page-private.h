/* likeness-compare-page-private.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "likeness-compare-page.h"
#include "likeness-param-form.h"

G_BEGIN_DECLS

struct _LikenessComparePage
{
  GtkWidget            parent_instance;

  GSettings           *settings;
  LkCatalog           *catalog;
  LkPresetStore       *presets;
  LkJobManager        *manager;      /* (nullable) */
  LkDataset           *dataset;      /* (nullable) */
  LkDatasetReport     *report;       /* (nullable) */
  LkPackManifest      *manifest;     /* (nullable) */
  LkRecommendation    *recommendation;
  GPtrArray           *preset_items; /* (element-type LkPreset) NULL for the defaults */
  GCancellable        *cancellable;
  char                *trainer_id;
  char                *trigger;
  double               month_total;
  gboolean             scanning;
  gboolean             starting;
  gboolean             planning;
  guint                plan_source;

  AdwComboRow         *subject_row;
  GtkFlowBox          *cards_box;
  AdwComboRow         *preset_row;
  AdwPreferencesGroup *trigger_group;
  AdwEntryRow         *trigger_row;
  LikenessParamForm   *param_form;
  AdwExpanderRow      *files_row;
  AdwActionRow        *price_row;
  AdwActionRow        *spending_row;
  GtkButton           *start_button;
  GtkLabel            *start_reason_label;
  GList               *file_rows;    /* Rows added under files_row. */
};

/* likeness-compare-page.c */
void          _likeness_compare_page_update_start          (LikenessComparePage *self);

/* likeness-compare-page-upload.c: what leaves the machine, for how much */
LkCostPolicy *_likeness_compare_page_dup_policy            (LikenessComparePage *self) G_GNUC_WARN_UNUSED_RESULT;
guint         _likeness_compare_page_current_steps         (LikenessComparePage *self);
double        _likeness_compare_page_current_estimate      (LikenessComparePage *self);
void          _likeness_compare_page_update_price          (LikenessComparePage *self);
void          _likeness_compare_page_refresh_month_total   (LikenessComparePage *self);
void          _likeness_compare_page_show_manifest         (LikenessComparePage *self);
void          _likeness_compare_page_schedule_plan         (LikenessComparePage *self);

/* likeness-compare-page-presets.c */
void          _likeness_compare_page_fill_presets          (LikenessComparePage *self);
void          _likeness_compare_page_preset_selected_cb    (LikenessComparePage *self);
void          _likeness_compare_page_presets_loaded_cb     (GObject             *object,
                                                            GAsyncResult        *result,
                                                            gpointer             user_data);
void          _likeness_compare_page_map_cb                (LikenessComparePage *self);
void          _likeness_compare_page_save_preset_cb        (LikenessComparePage *self);

G_END_DECLS
