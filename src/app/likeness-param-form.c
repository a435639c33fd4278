/* likeness-param-form.c
 *
 * Copyright 2026 The Likeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trainer's inputs as rows, generated from the catalog's schema: the
 * fields people change most first, the rest under "Advanced". Each value
 * is checked by the catalog as it is typed, so a mistake shows on its row
 * and the Start button can say what is wrong.
 */

#define G_LOG_DOMAIN "likeness-param-form"

#include "config.h"

#include <glib/gi18n.h>

#include "likeness-param-form.h"

typedef struct
{
  LkTrainerField *field;     /* (owned) */
  GtkWidget      *row;       /* (unowned) */
  GtkWidget      *editor;    /* (unowned) the switch, spin button, combo row or entry row */
  GtkWidget      *error_icon; /* (unowned) (nullable) */
  GVariant       *value;     /* (owned) (nullable) the canonical value, NULL when unset */
  char           *problem;   /* (owned) (nullable) */
  gboolean        touched;   /* Changed by the person, not by a preset. */
} Field;

struct _LikenessParamForm
{
  GtkWidget            parent_instance;

  LkTrainer           *trainer;  /* (owned) (nullable) */
  GPtrArray           *fields;   /* (element-type Field) */
  gboolean             loading;  /* Setting values from a preset, not from the person. */

  GtkWidget           *box;
  AdwPreferencesGroup *simple_group;
  AdwPreferencesGroup *advanced_group;
  AdwExpanderRow      *advanced_row;
};

enum {
  PROP_0,
  PROP_VALID,
  PROP_PROBLEM,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LikenessParamForm, likeness_param_form, GTK_TYPE_WIDGET)

static void
field_free (Field *field)
{
  g_clear_object (&field->field);
  g_clear_pointer (&field->value, g_variant_unref);
  g_clear_pointer (&field->problem, g_free);
  g_free (field);
}

/* What people change for most runs; everything else is "Advanced". */
static gboolean
is_simple (LkTrainer      *trainer,
           LkTrainerField *field)
{
  const char *name = lk_trainer_field_get_name (field);

  return lk_trainer_field_is_required (field) ||
         lk_trainer_field_get_field_type (field) == LK_FIELD_TYPE_ENUM ||
         g_strcmp0 (name, lk_trainer_get_input_name (trainer, LK_TRAINER_ROLE_STEPS)) == 0 ||
         g_strcmp0 (name, "learning_rate") == 0;
}

/* The dataset and the trigger have their own places on the page. */
static gboolean
is_shown (LkTrainer      *trainer,
          LkTrainerField *field)
{
  const char *name = lk_trainer_field_get_name (field);

  return g_strcmp0 (name, lk_trainer_get_input_name (trainer, LK_TRAINER_ROLE_DATASET_URL)) != 0 &&
         g_strcmp0 (name, lk_trainer_get_input_name (trainer, LK_TRAINER_ROLE_TRIGGER)) != 0;
}

static void
set_problem (Field      *field,
             const char *problem)
{
  g_free (field->problem);
  field->problem = g_strdup (problem);

  if (problem != NULL)
    gtk_widget_add_css_class (field->row, "error");
  else
    gtk_widget_remove_css_class (field->row, "error");

  if (field->error_icon != NULL)
    {
      gtk_widget_set_visible (field->error_icon, problem != NULL);
      gtk_widget_set_tooltip_text (field->error_icon, problem);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      problem ? problem : lk_trainer_field_get_help (field->field),
                                      -1);
    }
}

/* Reads the editor into a canonical value, or sets the field's problem. */
static void
read_field (Field *field)
{
  LkFieldType type = lk_trainer_field_get_field_type (field->field);
  g_autoptr(GVariant) raw = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&field->value, g_variant_unref);

  if (GTK_IS_SWITCH (field->editor))
    raw = g_variant_new_boolean (gtk_switch_get_active (GTK_SWITCH (field->editor)));
  else if (GTK_IS_SPIN_BUTTON (field->editor))
    raw = g_variant_new_int64 (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (field->editor)));
  else if (ADW_IS_COMBO_ROW (field->editor))
    {
      GtkStringObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (field->editor));
      const char *text = item ? gtk_string_object_get_string (item) : NULL;

      if (text != NULL && type == LK_FIELD_TYPE_INT)
        raw = g_variant_new_int64 (g_ascii_strtoll (text, NULL, 10));
      else if (text != NULL)
        raw = g_variant_new_string (text);
    }
  else
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (field->editor));
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (*stripped == '\0')
        {
          if (lk_trainer_field_is_required (field->field))
            {
              set_problem (field, _("This value is needed."));
              return;
            }
          set_problem (field, NULL);
          return;
        }

      if (type == LK_FIELD_TYPE_NUMBER)
        {
          char *end = NULL;
          double number;

          /* Numbers are shown the locale's way ("0,0002" in Russian), and
           * people type them either way. */
          g_strdelimit (stripped, ",", '.');
          number = g_ascii_strtod (stripped, &end);

          if (end == NULL || *end != '\0')
            {
              /* Translators: shown under a number field that holds something else. */
              set_problem (field, _("Enter a number, like 0.0001."));
              return;
            }
          raw = g_variant_new_double (number);
        }
      else
        raw = g_variant_new_string (stripped);
    }

  if (raw == NULL)
    {
      set_problem (field, NULL);
      return;
    }

  g_variant_ref_sink (raw);
  field->value = lk_trainer_field_validate (field->field, raw, &error);
  set_problem (field, field->value ? NULL : error->message);
}

static void
editor_changed_cb (LikenessParamForm *self,
                   GParamSpec        *pspec,
                   GObject           *editor)
{
  Field *field = g_object_get_data (editor, "likeness-field");
  gboolean was_valid = likeness_param_form_get_valid (self);

  g_assert (field != NULL);

  if (!self->loading)
    field->touched = TRUE;
  read_field (field);

  if (was_valid != likeness_param_form_get_valid (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
show_value (Field    *field,
            GVariant *value)
{
  if (GTK_IS_SWITCH (field->editor))
    gtk_switch_set_active (GTK_SWITCH (field->editor),
                           value && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN) &&
                           g_variant_get_boolean (value));
  else if (GTK_IS_SPIN_BUTTON (field->editor))
    {
      if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->editor), g_variant_get_int64 (value));
    }
  else if (ADW_IS_COMBO_ROW (field->editor))
    {
      GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (field->editor));
      g_autofree char *text = value ? lk_format_value (value) : NULL;

      for (guint i = 0; text != NULL && i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

          if (g_strcmp0 (gtk_string_object_get_string (item), text) == 0)
            adw_combo_row_set_selected (ADW_COMBO_ROW (field->editor), i);
        }
    }
  else
    {
      g_autofree char *text = value ? lk_format_value (value) : NULL;

      gtk_editable_set_text (GTK_EDITABLE (field->editor), text ? text : "");
    }
}

static Field *
create_field (LikenessParamForm *self,
              LkTrainerField    *trainer_field)
{
  Field *field = g_new0 (Field, 1);
  LkFieldType type = lk_trainer_field_get_field_type (trainer_field);
  const char *label = lk_trainer_field_get_label (trainer_field);
  const char *help = lk_trainer_field_get_help (trainer_field);
  const char * const *choices = lk_trainer_field_get_choices (trainer_field);
  const gint64 *int_choices;
  guint n_int_choices = 0;
  double min, max;

  field->field = g_object_ref (trainer_field);
  int_choices = lk_trainer_field_get_int_choices (trainer_field, &n_int_choices);

  if (choices != NULL || int_choices != NULL)
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

      for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
        gtk_string_list_append (list, choices[i]);
      for (guint i = 0; int_choices != NULL && i < n_int_choices; i++)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, int_choices[i]);
          gtk_string_list_append (list, text);
        }

      field->row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (field->row), G_LIST_MODEL (list));
      field->editor = field->row;
      g_signal_connect_object (field->editor, "notify::selected", G_CALLBACK (editor_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  else if (type == LK_FIELD_TYPE_BOOL)
    {
      field->row = adw_action_row_new ();
      field->editor = gtk_switch_new ();
      gtk_widget_set_valign (field->editor, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->editor);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (field->row), field->editor);
      g_signal_connect_object (field->editor, "notify::active", G_CALLBACK (editor_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  else if (type == LK_FIELD_TYPE_INT && lk_trainer_field_get_range (trainer_field, &min, &max))
    {
      field->row = adw_action_row_new ();
      field->editor = gtk_spin_button_new_with_range (min, max, 1);
      gtk_widget_set_valign (field->editor, GTK_ALIGN_CENTER);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (field->editor), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), field->editor);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (field->row), field->editor);
      g_signal_connect_object (field->editor, "notify::value", G_CALLBACK (editor_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  else
    {
      field->row = adw_entry_row_new ();
      field->editor = field->row;
      field->error_icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      gtk_widget_add_css_class (field->error_icon, "error");
      gtk_widget_set_visible (field->error_icon, FALSE);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (field->row), field->error_icon);
      if (type == LK_FIELD_TYPE_NUMBER)
        gtk_editable_set_alignment (GTK_EDITABLE (field->editor), 0.0);
      g_signal_connect_object (field->editor, "notify::text", G_CALLBACK (editor_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), label);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (field->row), FALSE);
  if (ADW_IS_ACTION_ROW (field->row) && help != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), help);
  else if (help != NULL)
    gtk_widget_set_tooltip_text (field->row, help);
  g_object_set_data (G_OBJECT (field->editor), "likeness-field", field);
  gtk_widget_set_name (field->row, lk_trainer_field_get_name (trainer_field));

  return field;
}

static void
clear_rows (LikenessParamForm *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (is_simple (self->trainer, field->field))
        adw_preferences_group_remove (self->simple_group, field->row);
      else
        adw_expander_row_remove (self->advanced_row, field->row);
    }
  g_ptr_array_set_size (self->fields, 0);
}

/**
 * likeness_param_form_set_trainer:
 * @self: a form
 * @trainer: (nullable): the trainer whose inputs to show
 * @values: (nullable): a{sv} of values to show instead of the defaults
 *
 * Builds the rows for @trainer, filled with @values over its defaults.
 */
void
likeness_param_form_set_trainer (LikenessParamForm *self,
                                 LkTrainer         *trainer,
                                 GVariant          *values)
{
  GListModel *fields;
  guint n_advanced = 0;

  g_return_if_fail (LIKENESS_IS_PARAM_FORM (self));

  if (self->trainer != NULL)
    clear_rows (self);
  g_set_object (&self->trainer, trainer);

  if (trainer == NULL)
    return;

  self->loading = TRUE;
  fields = lk_trainer_get_fields (trainer);
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(LkTrainerField) trainer_field = g_list_model_get_item (fields, i);
      Field *field;

      if (!is_shown (trainer, trainer_field))
        continue;

      field = create_field (self, trainer_field);
      g_ptr_array_add (self->fields, field);

      if (is_simple (trainer, trainer_field))
        adw_preferences_group_add (self->simple_group, field->row);
      else
        {
          adw_expander_row_add_row (self->advanced_row, field->row);
          n_advanced++;
        }
    }
  self->loading = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->advanced_group), n_advanced > 0);
  likeness_param_form_set_values (self, values);
}

/**
 * likeness_param_form_set_values:
 * @self: a form
 * @values: (nullable): a{sv}, e.g. a preset's values
 *
 * Shows @values over the trainer's defaults; fields the person changed by
 * hand are reset too, since choosing a preset asks for exactly its values.
 */
void
likeness_param_form_set_values (LikenessParamForm *self,
                                GVariant          *values)
{
  g_return_if_fail (LIKENESS_IS_PARAM_FORM (self));

  self->loading = TRUE;
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      const char *name = lk_trainer_field_get_name (field->field);
      g_autoptr(GVariant) value = NULL;

      if (values != NULL)
        value = g_variant_lookup_value (values, name, NULL);
      if (value == NULL && lk_trainer_field_get_default (field->field) != NULL)
        value = g_variant_ref (lk_trainer_field_get_default (field->field));

      field->touched = FALSE;
      show_value (field, value);
      read_field (field);
      /* A field with neither a preset value nor a default stays unset
       * until the person sets it. */
      if (value == NULL)
        g_clear_pointer (&field->value, g_variant_unref);
    }
  self->loading = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * likeness_param_form_dup_values:
 * @self: a form
 *
 * Returns: (transfer full): a{sv} of every field that has a valid value
 */
GVariant *
likeness_param_form_dup_values (LikenessParamForm *self)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);

  g_return_val_if_fail (LIKENESS_IS_PARAM_FORM (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->value != NULL && field->problem == NULL)
        g_variant_builder_add (&builder, "{sv}", lk_trainer_field_get_name (field->field), field->value);
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

gboolean
likeness_param_form_get_valid (LikenessParamForm *self)
{
  g_return_val_if_fail (LIKENESS_IS_PARAM_FORM (self), FALSE);

  return likeness_param_form_dup_problem (self) == NULL;
}

/**
 * likeness_param_form_dup_problem:
 * @self: a form
 *
 * Returns: (transfer full) (nullable): "Label: what is wrong" for the first
 *   invalid field, or %NULL when every value is valid
 */
char *
likeness_param_form_dup_problem (LikenessParamForm *self)
{
  g_return_val_if_fail (LIKENESS_IS_PARAM_FORM (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->problem != NULL)
        /* Translators: a field's label and what is wrong with its value. */
        return g_strdup_printf (_("%s: %s"), lk_trainer_field_get_label (field->field), field->problem);
    }

  return NULL;
}

/**
 * likeness_param_form_lookup_row:
 * @self: a form
 * @name: an input name, e.g. "learning_rate"
 *
 * Returns: (transfer none) (nullable): the row of that input
 */
GtkWidget *
likeness_param_form_lookup_row (LikenessParamForm *self,
                                const char        *name)
{
  g_return_val_if_fail (LIKENESS_IS_PARAM_FORM (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_strcmp0 (lk_trainer_field_get_name (field->field), name) == 0)
        return field->row;
    }

  return NULL;
}

static void
likeness_param_form_dispose (GObject *object)
{
  LikenessParamForm *self = LIKENESS_PARAM_FORM (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  if (self->fields != NULL)
    g_ptr_array_set_size (self->fields, 0);

  G_OBJECT_CLASS (likeness_param_form_parent_class)->dispose (object);
}

static void
likeness_param_form_finalize (GObject *object)
{
  LikenessParamForm *self = LIKENESS_PARAM_FORM (object);

  g_clear_object (&self->trainer);
  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (likeness_param_form_parent_class)->finalize (object);
}

static void
likeness_param_form_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LikenessParamForm *self = LIKENESS_PARAM_FORM (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, likeness_param_form_get_valid (self));
      break;

    case PROP_PROBLEM:
      g_value_take_string (value, likeness_param_form_dup_problem (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likeness_param_form_class_init (LikenessParamFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = likeness_param_form_dispose;
  object_class->finalize = likeness_param_form_finalize;
  object_class->get_property = likeness_param_form_get_property;

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LikenessParamForm::changed:
   *
   * A value changed, by the person or by a preset.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
likeness_param_form_init (LikenessParamForm *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->simple_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->simple_group, _("Parameters"));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->simple_group));

  self->advanced_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->advanced_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->advanced_row), _("Advanced"));
  adw_expander_row_set_subtitle (self->advanced_row, _("Settings most trainings leave as they are"));
  adw_preferences_group_add (self->advanced_group, GTK_WIDGET (self->advanced_row));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->advanced_group));
}

GtkWidget *
likeness_param_form_new (void)
{
  return g_object_new (LIKENESS_TYPE_PARAM_FORM, NULL);
}
