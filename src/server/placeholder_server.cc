// Placeholder so hw_server has a source until the HTTP API lands (issue 9).
namespace headwater::server {
int PlaceholderServer() { return 0; }
}  // namespace headwater::server
