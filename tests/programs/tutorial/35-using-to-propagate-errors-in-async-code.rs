async fn read_user() -> Result<&'static str, &'static str> {
    Ok("user123")
}

async fn load_profile(user: &str) -> Result<String, &'static str> {
    if user.is_empty() {
        Err("User not found")
    } else {
        Ok(format!("Profile for {}", user))
    }
}

async fn get_profile() -> Result<String, &'static str> {
    let user = read_user().await?;
    let profile = load_profile(user).await?;
    Ok(profile)
}

#[tokio::main]
async fn main() {
    match get_profile().await {
        Ok(profile) => println!("{}", profile),
        Err(err) => eprintln!("Failed: {}", err),
    }
}
