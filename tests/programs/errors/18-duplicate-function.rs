fn helper() {}
fn helper() {}

#[tokio::main]
async fn main() {

}
