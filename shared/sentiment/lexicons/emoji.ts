/** Emoji and emoticons, the same in every language: valence → symbols. */
export const EMOJI: Record<string, string> = {
  2: '😀 😃 😄 😁 😊 🙂 😍 🥰 😘 🤩 😎 👍 👌 👏 🙏 ❤ 💖 💕 💗 💙 💚 💜 🧡 💛 😇 🎉 🥳 ⭐ 🌟 ✨ 💯 ✅ 🌹 💐 🤗 ☺ 😋 :) :-) :d :-d ;) <3',
  1: '😆 😂 🔥',
  '-0.5': '😐 😑',
  '-1': '😱 ⚠',
  '-2': "😡 😠 👎 😞 😢 😭 😤 😒 🙄 😫 😩 😖 😣 💔 😕 🙁 ☹ ❌ 😔 😟 😰 🤦 :( :-( :'(",
  '-2.5': '🤬 🤮 🤢 💩',
};
