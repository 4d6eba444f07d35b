#[tokio::main]
async fn main() {
    let v = helpers::compute();
}
