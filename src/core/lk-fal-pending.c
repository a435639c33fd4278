/* temporary: replaced in the next commits */
#include "config.h"
#include "lk-fal-client-private.h"

static void
not_yet (gpointer self, GCancellable *c, GAsyncReadyCallback cb, gpointer d, gpointer tag)
{
  GTask *task = g_task_new (self, c, cb, d);
  g_task_set_source_tag (task, tag);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "not implemented yet");
  g_object_unref (task);
}

void lk_fal_client_watch_async (LkFalClient *self, LkFalRequest *request, gboolean with_logs, LkFalStatusFunc f, gpointer fd, GDestroyNotify fn, GCancellable *c, GAsyncReadyCallback cb, gpointer d)
{ if (fn) fn (fd); not_yet (self, c, cb, d, lk_fal_client_watch_async); }
LkFalStatus *lk_fal_client_watch_finish (LkFalClient *self, GAsyncResult *r, GError **e)
{ return g_task_propagate_pointer (G_TASK (r), e); }
void lk_fal_client_upload_file_async (LkFalClient *self, GFile *file, const char *ct, LkFalProgressFunc f, gpointer fd, GDestroyNotify fn, GCancellable *c, GAsyncReadyCallback cb, gpointer d)
{ if (fn) fn (fd); not_yet (self, c, cb, d, lk_fal_client_upload_file_async); }
char *lk_fal_client_upload_file_finish (LkFalClient *self, GAsyncResult *r, GError **e)
{ return g_task_propagate_pointer (G_TASK (r), e); }
void lk_fal_client_upload_stream_async (LkFalClient *self, GInputStream *s, goffset size, const char *fname, const char *ct, LkFalProgressFunc f, gpointer fd, GDestroyNotify fn, GCancellable *c, GAsyncReadyCallback cb, gpointer d)
{ if (fn) fn (fd); not_yet (self, c, cb, d, lk_fal_client_upload_stream_async); }
char *lk_fal_client_upload_stream_finish (LkFalClient *self, GAsyncResult *r, GError **e)
{ return g_task_propagate_pointer (G_TASK (r), e); }
void lk_fal_client_download_async (LkFalClient *self, const char *url, GFile *dest, goffset es, LkFalProgressFunc f, gpointer fd, GDestroyNotify fn, GCancellable *c, GAsyncReadyCallback cb, gpointer d)
{ if (fn) fn (fd); not_yet (self, c, cb, d, lk_fal_client_download_async); }
gboolean lk_fal_client_download_finish (LkFalClient *self, GAsyncResult *r, GError **e)
{ return g_task_propagate_boolean (G_TASK (r), e); }
