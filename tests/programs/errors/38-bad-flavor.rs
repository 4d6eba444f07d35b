#[tokio::main(flavor = "single")]
async fn main() {}
