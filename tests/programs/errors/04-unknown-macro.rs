#[tokio::main]
async fn main() {
    my_log!("hi");
}
