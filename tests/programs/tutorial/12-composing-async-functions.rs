async fn fetch_user_id() -> u32 {
    42
}

async fn fetch_username(user_id: u32) -> String {
    format!("user_{}", user_id)
}

#[tokio::main]
async fn main() {
    let user_id = fetch_user_id().await;
    let username = fetch_username(user_id).await;
    println!("Username is: {}", username);
}
