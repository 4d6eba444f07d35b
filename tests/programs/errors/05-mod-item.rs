mod helpers {}

#[tokio::main]
async fn main() {

}
