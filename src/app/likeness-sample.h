/* likeness-sample.h
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LIKENESS_TYPE_SAMPLE (likeness_sample_get_type ())

G_DECLARE_FINAL_TYPE (LikenessSample, likeness_sample, LIKENESS, SAMPLE, GObject)

LikenessSample *likeness_sample_new         (guint           prompt_index,
                                             const char     *prompt,
                                             double          scale,
                                             const char     *path);
guint           likeness_sample_get_prompt_index (LikenessSample *self);
const char     *likeness_sample_get_prompt  (LikenessSample *self);
double          likeness_sample_get_scale   (LikenessSample *self);
const char     *likeness_sample_get_path    (LikenessSample *self);
GdkTexture     *likeness_sample_get_texture (LikenessSample *self);
gboolean        likeness_sample_get_loading (LikenessSample *self);
char           *likeness_sample_dup_caption (LikenessSample *self);
void            likeness_sample_load        (LikenessSample *self,
                                             GCancellable   *cancellable);

G_END_DECLS
