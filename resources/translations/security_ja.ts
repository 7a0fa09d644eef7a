<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="95"/>
        <source>About FieldKit</source>
        <translation>FieldKit について</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="110"/>
        <source>Cooperation meetings, project monitoring visits and follow-ups, offline.</source>
        <translation>協力に関する面談、案件のモニタリング視察、フォローアップをオフラインで記録します。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="114"/>
        <source>Python {python}, Qt for Python {qt}, {platform}{bundled}</source>
        <translation>Python {python}、Qt for Python {qt}、{platform}{bundled}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="118"/>
        <source> (application bundle)</source>
        <translation>（配布パッケージ版）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="127"/>
        <source>Open folder</source>
        <translation>フォルダーを開く</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="131"/>
        <source>Data folder:</source>
        <translation>データフォルダー:</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="147"/>
        <source>Libraries ({n})</source>
        <translation>ライブラリ（{n}）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="148"/>
        <source>Fonts ({n})</source>
        <translation>フォント（{n}）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="152"/>
        <source>Copy details</source>
        <translation>詳細をコピー</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="153"/>
        <source>Copy the version, folders and components, for a support request</source>
        <translation>サポートを依頼するときのために、バージョン、フォルダー、構成要素の情報をコピーします</translation>
    </message>
</context>
<context>
    <name>AppLock</name>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="106"/>
        <source>Lock FieldKit</source>
        <translation>FieldKit をロック</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="107"/>
        <source>Change passphrase…</source>
        <translation>パスフレーズの変更…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="117"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="166"/>
        <source>FieldKit (locked)</source>
        <translation>FieldKit（ロック中）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="171"/>
        <source>FieldKit is locked</source>
        <translation>FieldKit はロックされています</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="173"/>
        <source>This store is not encrypted, so it has no passphrase: anyone can unlock it. Encrypt it (restart FieldKit and accept the offer) to protect it.</source>
        <translation>このデータは暗号化されていないため、パスフレーズがなく、誰でもロックを解除できます。保護するには暗号化してください（FieldKit を再起動し、表示される暗号化の案内で「暗号化」を選びます）。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="218"/>
        <source>The data on this laptop is now encrypted.</source>
        <translation>このパソコンのデータを暗号化しました。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="226"/>
        <source>Passphrase changed.</source>
        <translation>パスフレーズを変更しました。</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="233"/>
        <source>Change passphrase</source>
        <translation>パスフレーズの変更</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="235"/>
        <source>Current passphrase</source>
        <translation>現在のパスフレーズ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="237"/>
        <source>New passphrase:</source>
        <translation>新しいパスフレーズ:</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="242"/>
        <source>Change</source>
        <translation>変更</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="249"/>
        <source>Current passphrase:</source>
        <translation>現在のパスフレーズ:</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="266"/>
        <source>Type the current passphrase first.</source>
        <translation>先に現在のパスフレーズを入力してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="269"/>
        <source>The new passphrase is the same as the current one.</source>
        <translation>新しいパスフレーズが現在のパスフレーズと同じです。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="283"/>
        <source>The current passphrase is wrong; nothing was changed ({n} wrong in a row).</source>
        <translation>現在のパスフレーズが正しくありません。何も変更していません（連続 {n} 回の誤り）。</translation>
    </message>
</context>
<context>
    <name>ChoosePassphrase</name>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="351"/>
        <source>New passphrase</source>
        <translation>新しいパスフレーズ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="352"/>
        <source>Repeat the passphrase</source>
        <translation>パスフレーズの再入力</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="356"/>
        <source>I understand: if I forget it, nobody can recover the data.</source>
        <translation>パスフレーズを忘れると誰もデータを復元できないことを理解しました。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="358"/>
        <source>Forgotten passphrase cannot be recovered</source>
        <translation>忘れたパスフレーズは復元できません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="361"/>
        <source>Passphrase:</source>
        <translation>パスフレーズ:</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="364"/>
        <source>Repeat:</source>
        <translation>再入力:</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="376"/>
        <source>The two passphrases differ.</source>
        <translation>入力した2つのパスフレーズが一致しません。</translation>
    </message>
</context>
<context>
    <name>ChoosePassphraseDialog</name>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="448"/>
        <source>Protect the data on this laptop</source>
        <translation>このパソコンのデータの保護</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="452"/>
        <source>The records on this laptop are not encrypted: anyone who copies the FieldKit folder can read them. Choose a passphrase to encrypt them now. Nothing is lost if this is interrupted.</source>
        <translation>このパソコンの記録は暗号化されていません。FieldKit のフォルダーをコピーすれば、誰でも読むことができます。パスフレーズを決めて、今すぐ暗号化してください。途中で中断されても、データが失われることはありません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="458"/>
        <source>FieldKit encrypts everything it keeps on this laptop: records, drafts, history and photos. Choose a passphrase; you will type it each time FieldKit starts or is unlocked.</source>
        <translation>FieldKit は、このパソコンに保存するすべてのデータ（記録、下書き、履歴、写真）を暗号化します。パスフレーズを決めてください。FieldKit の起動時とロック解除時に、毎回このパスフレーズを入力します。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="466"/>
        <source>Encrypt</source>
        <translation>暗号化</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="471"/>
        <source>Not now</source>
        <translation>後で</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="474"/>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
</context>
<context>
    <name>ComponentList</name>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="47"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="47"/>
        <source>Version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="47"/>
        <source>Licence</source>
        <translation>ライセンス</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="60"/>
        <source>Select an entry to read its licence.</source>
        <translation>項目を選択すると、そのライセンス条項が表示されます。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="87"/>
        <source>This component ships no licence file.</source>
        <translation>この構成要素にはライセンスファイルが同梱されていません。</translation>
    </message>
</context>
<context>
    <name>Cover</name>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="60"/>
        <source>FieldKit is locked</source>
        <translation>FieldKit はロックされています</translation>
    </message>
</context>
<context>
    <name>PassphraseField</name>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="281"/>
        <location filename="../../fieldkit/ui/unlock.py" line="292"/>
        <source>Show</source>
        <translation>表示</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="282"/>
        <source>Show passphrase</source>
        <translation>パスフレーズを表示</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="292"/>
        <source>Hide</source>
        <translation>非表示</translation>
    </message>
</context>
<context>
    <name>SecurityWording</name>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="66"/>
        <source>very weak</source>
        <translation>非常に弱い</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="67"/>
        <source>weak</source>
        <translation>弱い</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="68"/>
        <source>fair</source>
        <translation>普通</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="69"/>
        <source>strong</source>
        <translation>強い</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="70"/>
        <source>very strong</source>
        <translation>非常に強い</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="75"/>
        <source>Use a few words, avoid common phrases.</source>
        <translation>複数の単語を使い、よく使われる言い回しは避けてください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="76"/>
        <source>No need for symbols, digits, or uppercase letters.</source>
        <translation>記号、数字、大文字を入れる必要はありません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="77"/>
        <source>Add another word or two. Uncommon words are better.</source>
        <translation>単語をあと1～2語加えてください。あまり使われない単語ほど効果的です。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="78"/>
        <source>Straight rows of keys are easy to guess.</source>
        <translation>キーボード上で一列に並んだキーの並びは推測されやすいです。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="79"/>
        <source>Short keyboard patterns are easy to guess.</source>
        <translation>キーボード上の短いパターンは推測されやすいです。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="80"/>
        <source>Use a longer keyboard pattern with more turns.</source>
        <translation>キーボード上のパターンを使うなら、より長く、向きを何度も変えるものにしてください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="81"/>
        <source>Repeats like &quot;aaa&quot; are easy to guess.</source>
        <translation>「aaa」のような繰り返しは推測されやすいです。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="82"/>
        <source>Repeats like &quot;abcabcabc&quot; are only slightly harder to guess than &quot;abc&quot;.</source>
        <translation>「abcabcabc」のような繰り返しは、「abc」よりわずかに推測しにくいだけです。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="85"/>
        <source>Avoid repeated words and characters.</source>
        <translation>単語や文字の繰り返しは避けてください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="86"/>
        <source>Sequences like &quot;abc&quot; or &quot;6543&quot; are easy to guess.</source>
        <translation>「abc」や「6543」のような連続した並びは推測されやすいです。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="87"/>
        <source>Avoid sequences.</source>
        <translation>連続した並びは避けてください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="88"/>
        <source>Recent years are easy to guess.</source>
        <translation>最近の年は推測されやすいです。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="89"/>
        <source>Avoid recent years.</source>
        <translation>最近の年は避けてください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="90"/>
        <source>Avoid years that are associated with you.</source>
        <translation>ご自身に関係のある年は避けてください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="91"/>
        <source>Dates are often easy to guess.</source>
        <translation>日付は推測されやすい場合が多いです。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="92"/>
        <source>Avoid dates and years that are associated with you.</source>
        <translation>ご自身に関係のある日付や年は避けてください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="93"/>
        <source>This is a top-10 common password.</source>
        <translation>よく使われるパスワードの上位10位以内に入っています。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="94"/>
        <source>This is a top-100 common password.</source>
        <translation>よく使われるパスワードの上位100位以内に入っています。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="95"/>
        <source>This is a very common password.</source>
        <translation>非常によく使われるパスワードです。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="96"/>
        <source>This is similar to a commonly used password.</source>
        <translation>よく使われるパスワードに似ています。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="97"/>
        <source>A word by itself is easy to guess.</source>
        <translation>単語1つだけでは推測されやすいです。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="98"/>
        <source>Names and surnames by themselves are easy to guess.</source>
        <translation>名前や名字だけでは推測されやすいです。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="99"/>
        <source>Common names and surnames are easy to guess.</source>
        <translation>よくある名前や名字は推測されやすいです。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="100"/>
        <source>Capitalization doesn&apos;t help very much.</source>
        <translation>大文字を使っても、あまり強くなりません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="101"/>
        <source>All-uppercase is almost as easy to guess as all-lowercase.</source>
        <translation>すべて大文字にしても、すべて小文字の場合とほとんど変わらず推測されやすいです。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="104"/>
        <source>Reversed words aren&apos;t much harder to guess.</source>
        <translation>単語を逆から綴っても、推測の難しさはほとんど変わりません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="105"/>
        <source>Predictable substitutions like &apos;@&apos; instead of &apos;a&apos; don&apos;t help very much.</source>
        <translation>「a」の代わりに「@」を使うような予想しやすい置き換えは、あまり効果がありません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="108"/>
        <source>Use four or more unrelated words, or a long sentence only you would write.</source>
        <translation>互いに関係のない4つ以上の単語か、ご自身にしか書けない長い文を使ってください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="118"/>
        <source>less than a second</source>
        <translation>1秒未満</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="119"/>
        <source>centuries</source>
        <translation>数百年以上</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="120"/>
        <source>{n} second</source>
        <translation>約{n}秒</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="121"/>
        <source>{n} seconds</source>
        <translation>約{n}秒</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="122"/>
        <source>{n} minute</source>
        <translation>約{n}分</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="123"/>
        <source>{n} minutes</source>
        <translation>約{n}分</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="124"/>
        <source>{n} hour</source>
        <translation>約{n}時間</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="125"/>
        <source>{n} hours</source>
        <translation>約{n}時間</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="126"/>
        <source>{n} day</source>
        <translation>約{n}日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="127"/>
        <source>{n} days</source>
        <translation>約{n}日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="128"/>
        <source>{n} month</source>
        <translation>約{n}か月</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="129"/>
        <source>{n} months</source>
        <translation>約{n}か月</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="130"/>
        <source>{n} year</source>
        <translation>約{n}年</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="131"/>
        <source>{n} years</source>
        <translation>約{n}年</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="137"/>
        <source>Creating the encrypted store…</source>
        <translation>暗号化したデータを作成しています…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="140"/>
        <source>Created a new encrypted store…</source>
        <translation>暗号化した新しいデータを作成しました…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="143"/>
        <source>Checking the store…</source>
        <translation>データを確認しています…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="144"/>
        <source>Encrypting the records…</source>
        <translation>記録を暗号化しています…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="145"/>
        <source>Checking the encrypted copy…</source>
        <translation>暗号化したコピーを確認しています…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="148"/>
        <source>Replacing the unencrypted store…</source>
        <translation>暗号化されていないデータを置き換えています…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="151"/>
        <source>Removing the unencrypted attachments…</source>
        <translation>暗号化されていない添付ファイルを削除しています…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="154"/>
        <source>Re-encrypting the records…</source>
        <translation>記録を再暗号化しています…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="155"/>
        <source>Checking the re-encrypted copy…</source>
        <translation>再暗号化したコピーを確認しています…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="158"/>
        <source>Replacing the store…</source>
        <translation>データを置き換えています…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="159"/>
        <source>Done.</source>
        <translation>完了しました。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="186"/>
        <source>the passphrase is empty</source>
        <translation>パスフレーズが入力されていません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="189"/>
        <source>it is shorter than {n} characters</source>
        <translation>{n}文字未満です</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="193"/>
        <source>it starts or ends with a space (easy to get wrong when typing it later)</source>
        <translation>先頭または末尾に空白があります（後で入力するときに間違えやすくなります）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="200"/>
        <source>it is too easy to guess</source>
        <translation>推測されやすすぎます</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="203"/>
        <location filename="../../fieldkit/ui/unlock.py" line="209"/>
        <source>it is too easy to guess ({warning})</source>
        <translation>{warning}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="221"/>
        <source>Encrypting attachments {i} of {n}…</source>
        <translation>添付ファイルを暗号化しています（{i}/{n}）…</translation>
    </message>
</context>
<context>
    <name>StrengthMeter</name>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="308"/>
        <source>Passphrase strength</source>
        <translation>パスフレーズの強度</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="326"/>
        <source>Use four or more unrelated words, or a long sentence.</source>
        <translation>互いに関係のない4つ以上の単語か、長い文を使ってください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="328"/>
        <source>Strength: {label}. Guessing it would take {time}.</source>
        <translation>強度: {label}。推測による解読には{time}かかります。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="334"/>
        <source>Strength: {label}. Not accepted: {problem}. {hint}</source>
        <translation>強度: {label}。このパスフレーズは使用できません: {problem}。{hint}</translation>
    </message>
</context>
<context>
    <name>Unlock</name>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="229"/>
        <source>A forgotten passphrase cannot be recovered: nobody, including HQ, can decrypt this laptop&apos;s store without it. Records already synced are safe at HQ; a fresh enrolment brings the embassy&apos;s records back.</source>
        <translation>忘れたパスフレーズは復元できません。本省を含め誰も、パスフレーズなしにこのパソコンのデータを復号することはできません。同期済みの記録は本省で保管されており、改めて登録し直せば公館の記録が戻ります。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="240"/>
        <source>Too many wrong passphrases. Try again in {n} s.</source>
        <translation>誤ったパスフレーズの入力が続きました。{n} 秒後にもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="244"/>
        <source>The data is open in another FieldKit window or command. Close it and try again.</source>
        <translation>データが別の FieldKit のウィンドウまたはコマンドで開かれています。そちらを閉じてから、もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="249"/>
        <source>The data file is damaged or was altered, so FieldKit cannot open it. It was left untouched. Details: {detail}</source>
        <translation>データファイルが破損しているか改変されているため、開くことができません。ファイルには手を加えていません。詳細: {detail}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="255"/>
        <source>The new passphrase is not strong enough.</source>
        <translation>新しいパスフレーズの強度が不十分です。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="257"/>
        <source>The data on this laptop is not encrypted.</source>
        <translation>このパソコンのデータは暗号化されていません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="258"/>
        <source>This could not be done: {detail}</source>
        <translation>処理を完了できませんでした: {detail}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="417"/>
        <source>Forgotten passphrase</source>
        <translation>パスフレーズを忘れた場合</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="418"/>
        <source>A forgotten passphrase cannot be recovered.</source>
        <translation>忘れたパスフレーズは復元できません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="420"/>
        <source>Nobody, including HQ, can decrypt the data on this laptop without it. Records that were synced are safe at HQ: ask HQ for a fresh enrolment, which brings the embassy&apos;s records back to a new, empty FieldKit folder. Unsynced changes on this laptop are lost.</source>
        <translation>本省を含め誰も、パスフレーズなしにこのパソコンのデータを復号することはできません。同期済みの記録は本省で保管されています。本省に登録のし直しを依頼すれば、新しい空の FieldKit フォルダーに公館の記録が戻ります。このパソコンで同期していなかった変更は失われます。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="428"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="551"/>
        <source>FieldKit is locked</source>
        <translation>FieldKit はロックされています</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="552"/>
        <source>FieldKit is locked. Enter the passphrase to continue.</source>
        <translation>FieldKit はロックされています。続けるにはパスフレーズを入力してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="554"/>
        <source>Unlock FieldKit</source>
        <translation>FieldKit のロック解除</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="555"/>
        <source>Enter the passphrase for the FieldKit data in {folder}.</source>
        <translation>{folder} にある FieldKit データのパスフレーズを入力してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="559"/>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="563"/>
        <source>Forgot the passphrase?</source>
        <translation>パスフレーズを忘れた場合</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="568"/>
        <source>Unlock</source>
        <translation>ロック解除</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="570"/>
        <source>Quit FieldKit</source>
        <translation>FieldKit を終了</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="570"/>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="604"/>
        <source>Too many wrong passphrases. Try again in {n} s.</source>
        <translation>誤ったパスフレーズの入力が続きました。{n} 秒後にもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="621"/>
        <source>Type the passphrase first.</source>
        <translation>先にパスフレーズを入力してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="632"/>
        <source>Wrong passphrase ({n} wrong in a row).</source>
        <translation>パスフレーズが正しくありません（連続 {n} 回の誤り）。</translation>
    </message>
</context>
</TS>
