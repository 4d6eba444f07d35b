use std::collections::BTreeMap;

#[tokio::main]
async fn main() {

}
