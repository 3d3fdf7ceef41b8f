/** What shows while the session is checked or the signed-in app's code loads. */
export function PageLoading() {
  return (
    <div className="page-loading" role="status">
      Loading Mashboard…
    </div>
  );
}
