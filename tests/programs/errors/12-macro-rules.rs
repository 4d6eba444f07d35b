macro_rules! twice { ($e:expr) => { $e * 2 } }

#[tokio::main]
async fn main() {

}
