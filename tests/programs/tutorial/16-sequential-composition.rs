async fn load_user_id() -> u32 {
    println!("Fetching user ID...");
    101
}

async fn load_user_profile(user_id: u32) -> String {
    println!("Fetching profile for user {}...", user_id);
    format!("UserProfile_{}", user_id)
}

#[tokio::main]
async fn main() {
    let user_id = load_user_id().await;
    let profile = load_user_profile(user_id).await;

    println!("Loaded profile: {}", profile);
}
