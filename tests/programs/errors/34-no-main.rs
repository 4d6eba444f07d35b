async fn start() {}
