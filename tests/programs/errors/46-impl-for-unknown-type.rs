impl Robot {
    fn new() -> Self { Robot }
}

#[tokio::main]
async fn main() {

}
